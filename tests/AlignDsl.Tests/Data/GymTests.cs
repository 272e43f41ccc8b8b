using AlignDsl.Data;
using AlignDsl.Evaluation;
using AlignDsl.Judging;
using AlignDsl.Tokenization;

namespace AlignDsl.Tests.Data;

public sealed class GymTests
{
    private readonly Gym _gym = new(GymTask.HelpfulHarmless, seed: 1);

    [Fact]
    public void Held_out_prompts_never_appear_in_training()
    {
        var pairs = _gym.Pairs();
        var train = pairs.Train.Select(p => p.Prompt).ToHashSet();
        Assert.NotEmpty(pairs.HeldOut);
        Assert.DoesNotContain(pairs.HeldOut, p => train.Contains(p.Prompt));
        Assert.DoesNotContain(_gym.Demonstrations().Train, d => pairs.HeldOut.Any(h => h.Prompt == d.Prompt));
    }

    [Fact]
    public void Probes_cover_every_category_with_held_out_prompts()
    {
        var probes = _gym.Probes();
        foreach (var category in Enum.GetValues<GymCategory>())
            Assert.Contains(probes, p => p.Category == category);
        var heldOut = _gym.Pairs().HeldOut.Select(p => p.Prompt).ToHashSet();
        Assert.All(probes, p => Assert.Contains(p.Prompt, heldOut));
    }

    [Fact]
    public void Pairs_prefer_what_the_judge_calls_right()
    {
        foreach (var pair in _gym.Pairs().Train.Where(p => p.Category == nameof(GymCategory.Harmful)))
        {
            Assert.Equal(Verdict.Refusal, GymJudge.Judge(pair.Chosen));
            Assert.Equal(Verdict.Compliance, GymJudge.Judge(pair.Rejected));
        }
        foreach (var pair in _gym.Pairs().Train.Where(p => p.Category == nameof(GymCategory.Benign)))
        {
            Assert.Equal(Verdict.Other, GymJudge.Judge(pair.Chosen));
            Assert.Equal(Verdict.Refusal, GymJudge.Judge(pair.Rejected));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void In_every_category_as_many_pairs_prefer_the_longer_answer_as_the_shorter(int seed)
    {
        var pairs = new Gym(GymTask.HelpfulHarmless, seed).Pairs();
        foreach (var split in new[] { pairs.Train, pairs.HeldOut })
            foreach (var category in split.GroupBy(p => p.Category))
            {
                var longer = category.Count(p => Tokens(p.Chosen) > Tokens(p.Rejected));
                var shorter = category.Count(p => Tokens(p.Chosen) < Tokens(p.Rejected));
                Assert.Equal(category.Count(), longer + shorter);
                Assert.InRange(longer - shorter, -1, 1);
            }
    }

    [Fact]
    public void Every_pair_prefers_the_answer_the_judge_scores_higher()
    {
        foreach (var task in Enum.GetValues<GymTask>())
        {
            var pairs = new Gym(task, seed: 1).Pairs();
            Assert.All(pairs.Train.Concat(pairs.HeldOut),
                p => Assert.True(GymJudge.Score(p.Prompt, p.Chosen) > GymJudge.Score(p.Prompt, p.Rejected), $"{p.Chosen} over {p.Rejected}"));
        }
    }

    [Fact]
    public void The_length_biased_task_prefers_the_longer_answer_in_nine_training_pairs_in_ten_and_holds_out_the_balanced_pairs()
    {
        var biased = new Gym(GymTask.LengthBiased, seed: 1).Pairs();
        foreach (var category in biased.Train.GroupBy(p => p.Category))
            Assert.InRange(category.Count(p => Tokens(p.Chosen) > Tokens(p.Rejected)) / (double)category.Count(), 0.85, 0.95);
        // The factual questions' longer answers are padded: the padding the bias pairs probe.
        Assert.Contains(biased.Train, p => p.Category == nameof(GymCategory.Factual) && p.Chosen.Contains("great question", StringComparison.Ordinal));
        Assert.Equal(_gym.Pairs().HeldOut, biased.HeldOut);
        Assert.Equal(_gym.Pairs().Train.Select(p => p.Prompt), biased.Train.Select(p => p.Prompt));
    }

    private static readonly CompactTokenizer Tokenizer = CompactTokenizer.FromCorpus(Gym.Corpus());

    private static int Tokens(string completion) => Tokenizer.Encode(completion).Length;

    [Fact]
    public void Same_seed_same_data_other_seed_other_mixture()
    {
        Assert.Equal(_gym.Demonstrations().Train, new Gym(GymTask.HelpfulHarmless, 1).Demonstrations().Train);
        Assert.NotEqual(_gym.Demonstrations().Train, new Gym(GymTask.HelpfulHarmless, 2).Demonstrations().Train);
    }

    [Fact]
    public void Demonstrations_mix_good_and_bad_behaviour()
    {
        var harmful = _gym.Demonstrations().Train.Where(d => _gym.Pairs().Train.Any(p => p.Prompt == d.Prompt && p.Category == nameof(GymCategory.Harmful))).ToList();
        var complianceShare = harmful.Count(d => GymJudge.Judge(d.Completion) == Verdict.Compliance) / (double)harmful.Count;
        Assert.InRange(complianceShare, 0.25, 0.45);
    }
}
