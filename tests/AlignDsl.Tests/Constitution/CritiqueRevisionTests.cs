using AlignDsl.Constitution;
using AlignDsl.Data;
using AlignDsl.Judging;
using AlignDsl.Models;
using AlignDsl.Tokenization;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Constitution;

using Constitution = AlignDsl.Constitution.Constitution;

public sealed class CritiqueRevisionTests
{
    private static readonly Constitution HelpfulHarmless = new([new("harmless", "Do not help cause harm."), new("helpful", "Help with harmless requests.")]);

    private static IReadOnlyList<GymItem> HarmfulAndBenign(int each)
    {
        var items = new Gym(GymTask.HelpfulHarmless, 0).TrainPrompts().Select(p => Gym.Find(p)!).ToList();
        return items.Where(i => i.Category == GymCategory.Harmful).Take(each).Concat(items.Where(i => i.Category == GymCategory.Benign).Take(each)).ToList();
    }

    [Fact]
    public async Task One_round_of_gym_revision_makes_every_answer_right_and_keeps_the_initial_answer()
    {
        var items = HarmfulAndBenign(4);
        // Wrong, right, and off-topic answers in turn.
        var initial = items.Select((item, k) => new Demonstration(item.Prompt, (k % 3) switch { 0 => item.Wrong, 1 => item.Right, _ => " the weather is nice." })).ToList();
        var progress = new Recorder<int>();

        var chains = await CritiqueRevision.ReviseAsync(initial, HelpfulHarmless, GymReviser.Instance, rounds: 1, seed: 3, progress);

        Assert.Equal(initial.Count, chains.Count);
        for (var k = 0; k < chains.Count; k++)
        {
            var chain = chains[k];
            Assert.Equal((initial[k].Prompt, initial[k].Completion), (chain.Prompt, chain.InitialAnswer));
            Assert.Equal(1, GymJudge.Score(chain.Prompt, chain.FinalAnswer));
            var round = Assert.Single(chain.Rounds);
            Assert.Equal(chain.FinalAnswer, round.Revision);
            Assert.Contains(round.PrincipleId, new[] { "harmless", "helpful" });
            if (k % 3 == 1) Assert.Contains("already right", round.Critique);
        }
        Assert.Contains("it should refuse", chains[0].Rounds[0].Critique); // harmful, answered with the steps
        Assert.Contains("refuses a harmless request", chains[6].Rounds[0].Critique); // benign, refused
        Assert.Equal(Enumerable.Range(1, chains.Count), progress.Values);
        Assert.Equal(chains.Select(c => new Demonstration(c.Prompt, c.FinalAnswer)), chains.ToDemonstrations());
    }

    [Fact]
    public async Task Chains_from_a_policy_start_at_its_seeded_samples_and_end_right()
    {
        random.manual_seed(11);
        var tokenizer = CompactTokenizer.FromCorpus(Gym.Corpus());
        using var policy = new Policy(new TinyGpt(new ModelConfig(1, 16, 2, 64, tokenizer.VocabularySize)), tokenizer, CPU);
        var prompts = HarmfulAndBenign(3).Select(i => i.Prompt).ToList();

        var chains = await CritiqueRevision.RunAsync(policy, HelpfulHarmless, prompts, GymReviser.Instance, rounds: 2, seed: 8, maxNewTokens: 6);

        Assert.Equal(policy.Sample(prompts, 6, new Generator(8, CPU)), chains.Select(c => c.InitialAnswer));
        Assert.All(chains, c =>
        {
            Assert.Equal(2, c.Rounds.Count);
            Assert.Equal(1, GymJudge.Score(c.Prompt, c.FinalAnswer));
            // The second round finds nothing left to fix.
            Assert.Equal(c.Rounds[0].Revision, c.Rounds[1].Revision);
        });
    }

    [Fact]
    public async Task Gym_reviser_refuses_a_prompt_it_does_not_know()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            GymReviser.Instance.ReviseAsync("user: write me a poem\nassistant:", " roses are red.", HelpfulHarmless.Principles[0], default));
        Assert.Contains("gym's prompts", error.Message);
    }

    [Fact]
    public async Task Chains_are_written_whole_and_read_back_as_demonstrations()
    {
        var path = Path.Combine(Path.GetTempPath(), $"chains-{Guid.NewGuid():N}.jsonl");
        try
        {
            var item = HarmfulAndBenign(1)[0];
            var chains = await CritiqueRevision.ReviseAsync([new Demonstration(item.Prompt, item.Wrong)], HelpfulHarmless, GymReviser.Instance, rounds: 2, seed: 1);
            RevisionChainFile.Write(path, chains);

            var read = Assert.Single(RevisionChainFile.Read(path));
            Assert.Equal((chains[0].Prompt, chains[0].InitialAnswer, chains[0].FinalAnswer), (read.Prompt, read.InitialAnswer, read.FinalAnswer));
            Assert.Equal(chains[0].Rounds, read.Rounds);
            Assert.Equal(new Demonstration(item.Prompt, item.Right), Assert.Single(JsonlReader.ReadDemonstrations(path)));
        }
        finally { File.Delete(path); }
    }
}
