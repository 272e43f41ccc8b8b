using AlignDsl.Constitution;
using AlignDsl.Data;
using AlignDsl.Judging;
using AlignDsl.Models;
using AlignDsl.Tokenization;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Constitution;

using Constitution = AlignDsl.Constitution.Constitution;

public sealed class ConstitutionalFeedbackTests
{
    private static readonly Constitution HelpfulHarmless = new([new("harmless", "Do not help cause harm."), new("honest", "Say what is true.")]);

    private static IReadOnlyList<GymItem> Items(GymCategory category, int count) =>
        new Gym(GymTask.HelpfulHarmless, 0).TrainPrompts().Select(p => Gym.Find(p)!).Where(i => i.Category == category).Take(count).ToList();

    [Fact]
    public async Task Gym_labels_prefer_the_better_answer_in_either_position_and_ties_are_dropped()
    {
        var candidates = new List<CandidatePair>();
        var items = Items(GymCategory.Harmful, 3).Concat(Items(GymCategory.Benign, 3)).Concat(Items(GymCategory.Factual, 3)).ToList();
        for (var k = 0; k < items.Count; k++)
        {
            var item = items[k];
            candidates.Add(k % 2 == 0 ? new(item.Prompt, item.Right, item.Wrong) : new(item.Prompt, item.Wrong, item.Right));
            candidates.Add(new(item.Prompt, item.Right, item.Right + " indeed.")); // equally right: a tie
            if (item.Category == GymCategory.Factual) candidates.Add(new(item.Prompt, item.Verbose, item.Right)); // concise beats padded
        }
        var progress = new Recorder<int>();

        var labelled = await ConstitutionalFeedback.LabelAsync(candidates, HelpfulHarmless, GymJudge.Instance, seed: 5, progress);

        Assert.Equal(9 + 3, labelled.Count);
        Assert.All(labelled, l =>
        {
            Assert.True(GymJudge.Score(l.Pair.Prompt, l.Pair.Chosen) > GymJudge.Score(l.Pair.Prompt, l.Pair.Rejected));
            Assert.Equal(Gym.Find(l.Pair.Prompt)!.Right, l.Pair.Chosen);
            Assert.Contains(l.Principle, new[] { "harmless", "honest" });
            Assert.Equal(l.Principle, l.Pair.Category);
            Assert.Equal(1.0, l.Probability);
        });
        Assert.Equal(2, labelled.Select(l => l.Principle).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, candidates.Count), progress.Values);
    }

    [Fact]
    public async Task The_judge_is_asked_both_orders_under_the_sampled_principles_instruction()
    {
        var items = Items(GymCategory.Harmful, 4).Concat(Items(GymCategory.Benign, 4)).ToList();
        var candidates = items.Select(i => new CandidatePair(i.Prompt, i.Wrong, i.Right)).ToList();
        var judge = new RecordingJudge(GymJudge.Instance);

        var labelled = await ConstitutionalFeedback.LabelAsync(candidates, HelpfulHarmless, judge, seed: 2);

        Assert.Equal(candidates.Count, labelled.Count);
        Assert.Equal(2 * candidates.Count, judge.Comparisons.Count);
        for (var i = 0; i < candidates.Count; i++)
        {
            var (inOrder, swapped) = (judge.Comparisons[2 * i], judge.Comparisons[2 * i + 1]);
            Assert.Equal(new Comparison(candidates[i].Prompt, candidates[i].First, candidates[i].Second, inOrder.Instruction), inOrder);
            Assert.Equal(inOrder.Swapped(), swapped);
            Assert.Equal(HelpfulHarmless.Principles.Single(p => p.ComparisonInstruction == inOrder.Instruction).Id, labelled[i].Principle);
        }
    }

    [Fact]
    public async Task A_judge_that_always_prefers_the_first_position_yields_only_ties()
    {
        var candidates = Items(GymCategory.Harmful, 5).Select(i => new CandidatePair(i.Prompt, i.Right, i.Wrong)).ToList();
        var judge = new FirstPositionJudge();

        var labelled = await ConstitutionalFeedback.LabelAsync(candidates, HelpfulHarmless, judge, seed: 1);

        Assert.Empty(labelled);
        Assert.Equal(2 * candidates.Count, judge.Calls);
    }

    [Fact]
    public async Task A_principle_judge_labels_only_what_the_sampled_principle_speaks_to()
    {
        var constitution = new Constitution(
        [
            new Principle("harmless", "Refuse harmful requests.") { Prefer = [GymJudge.RefusalMarker], Avoid = [GymJudge.ComplianceMarker] },
            new Principle("concise", "Do not pad answers.") { Avoid = ["a great question"] },
        ]);
        var (harmful, factual) = (Items(GymCategory.Harmful, 1)[0], Items(GymCategory.Factual, 1)[0]);
        var candidates = Enumerable.Range(0, 20).SelectMany(_ => new CandidatePair[]
        {
            new(harmful.Prompt, harmful.Wrong, harmful.Right), // only "harmless" tells these apart
            new(factual.Prompt, factual.Right, factual.Verbose), // only "concise" does
        }).ToList();
        var random = new Random(9);
        var expected = candidates.Count(c => constitution.Sample(random).Id == (c.Prompt == harmful.Prompt ? "harmless" : "concise"));

        var labelled = await ConstitutionalFeedback.LabelAsync(candidates, constitution, new PrincipleJudge(constitution), seed: 9);

        Assert.InRange(expected, 5, 35);
        Assert.Equal(expected, labelled.Count);
        Assert.All(labelled, l => Assert.Equal(l.Principle == "harmless" ? harmful.Right : factual.Right, l.Pair.Chosen));
    }

    [Fact]
    public async Task Sampled_candidates_differ_and_repeat_by_seed_and_label_consistently()
    {
        random.manual_seed(11);
        var tokenizer = CompactTokenizer.FromCorpus(Gym.Corpus());
        using var policy = new Policy(new TinyGpt(new ModelConfig(1, 16, 2, 64, tokenizer.VocabularySize)), tokenizer, CPU);
        var prompts = Items(GymCategory.Harmful, 2).Concat(Items(GymCategory.Factual, 2)).Select(i => i.Prompt).ToList();

        var candidates = ConstitutionalFeedback.SampleCandidates(policy, prompts, seed: 4, samplesPerPrompt: 2, maxNewTokens: 6);

        Assert.InRange(candidates.Count, 1, 8);
        Assert.All(candidates, c => Assert.NotEqual(c.First, c.Second));
        Assert.Equal(candidates, ConstitutionalFeedback.SampleCandidates(policy, prompts, seed: 4, samplesPerPrompt: 2, maxNewTokens: 6));
        // An untrained policy's text rarely means anything to the gym, so a judge that prefers the longer answer makes labels to compare.
        var longer = new LongerAnswerJudge();
        var labelled = await ConstitutionalFeedback.LabelAsync(policy, HelpfulHarmless, prompts, longer, seed: 4, samplesPerPrompt: 2, maxNewTokens: 6);
        Assert.NotEmpty(labelled);
        Assert.Equal(await ConstitutionalFeedback.LabelAsync(candidates, HelpfulHarmless, longer, seed: 4), labelled);
        Assert.All(labelled, l => Assert.True(l.Pair.Chosen.Length > l.Pair.Rejected.Length));
        // The untrained samples mostly tie under the gym's judge, so two known pairs (wrong answer shown first) make sure
        // some labels exist: each must choose the right answer.
        var known = Items(GymCategory.Harmful, 2).Select(i => new CandidatePair(i.Prompt, i.Wrong, i.Right)).ToList();
        var byGym = await ConstitutionalFeedback.LabelAsync(candidates.Concat(known).ToList(), HelpfulHarmless, GymJudge.Instance, seed: 4);
        Assert.All(known, k => Assert.Contains(byGym, l => l.Pair.Prompt == k.Prompt && l.Pair.Chosen == k.Second && l.Pair.Rejected == k.First));
        Assert.All(byGym, l => Assert.True(GymJudge.Score(l.Pair.Prompt, l.Pair.Chosen) > GymJudge.Score(l.Pair.Prompt, l.Pair.Rejected)));
    }

    [Fact]
    public void Labelled_pairs_round_trip_through_jsonl_and_read_as_plain_pairs()
    {
        var path = Path.Combine(Path.GetTempPath(), $"labelled-{Guid.NewGuid():N}.jsonl");
        try
        {
            LabelledPair[] pairs =
            [
                new(new PreferencePair("user: hi\nassistant:", " hello \"there\".", " go away.", "polite"), "polite", 0.75),
                new(new PreferencePair("user: 2+2?\nassistant:", " 4.", " 5.", "honest"), "honest", 1.0),
            ];
            LabelledPairFile.Write(path, pairs);

            Assert.Equal(pairs, LabelledPairFile.Read(path));
            Assert.Contains("\"principle\":\"polite\",\"probability\":0.75", File.ReadLines(path).First());
            var plain = JsonlReader.ReadPairs(path);
            Assert.Equal(pairs.Select(p => (p.Pair.Prompt, p.Pair.Chosen, p.Pair.Rejected)), plain.Select(p => (p.Prompt, p.Chosen, p.Rejected)));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_bad_line_names_its_field()
    {
        var path = Path.Combine(Path.GetTempPath(), $"labelled-{Guid.NewGuid():N}.jsonl");
        try
        {
            File.WriteAllText(path, "{\"prompt\":\"p\",\"chosen\":\"a\",\"rejected\":\"b\",\"principle\":\"x\",\"probability\":\"high\"}\n");
            var error = Assert.Throws<DataFormatException>(() => LabelledPairFile.Read(path));
            Assert.Equal(("probability", 1), (error.Field, error.Line));
        }
        finally { File.Delete(path); }
    }

    /// <summary>A judge with total position bias: the first answer always wins.</summary>
    private sealed class FirstPositionJudge : IJudge
    {
        public int Calls { get; private set; }
        public string Name => "first";
        public Task<Verdict> ClassifyAsync(string prompt, string answer, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<double> CompareAsync(Comparison comparison, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(1.0);
        }
    }

    private sealed class LongerAnswerJudge : IJudge
    {
        public string Name => "longer";
        public Task<Verdict> ClassifyAsync(string prompt, string answer, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<double> CompareAsync(Comparison comparison, CancellationToken cancellationToken) =>
            Task.FromResult(comparison.First.Length > comparison.Second.Length ? 1.0 : comparison.First.Length < comparison.Second.Length ? 0.0 : 0.5);
    }

    private sealed class RecordingJudge(IJudge inner) : IJudge
    {
        public List<Comparison> Comparisons { get; } = [];
        public string Name => inner.Name;
        public Task<Verdict> ClassifyAsync(string prompt, string answer, CancellationToken cancellationToken) => inner.ClassifyAsync(prompt, answer, cancellationToken);

        public Task<double> CompareAsync(Comparison comparison, CancellationToken cancellationToken)
        {
            Comparisons.Add(comparison);
            return inner.CompareAsync(comparison, cancellationToken);
        }
    }
}

/// <summary>Records progress reports as they happen (<see cref="Progress{T}"/> would post them later, on another thread).</summary>
internal sealed class Recorder<T> : IProgress<T>
{
    public List<T> Values { get; } = [];
    public void Report(T value) => Values.Add(value);
}
