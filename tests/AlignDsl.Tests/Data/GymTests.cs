using AlignDsl.Data;
using AlignDsl.Evaluation;
using AlignDsl.Judging;

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

    [Fact]
    public void Factual_pairs_include_the_length_trap()
    {
        var factual = _gym.Pairs().Train.Where(p => p.Category == nameof(GymCategory.Factual)).ToList();
        Assert.Contains(factual, p => p.Rejected.Length > p.Chosen.Length + 40 && p.Rejected.EndsWith(p.Chosen.TrimStart(), StringComparison.Ordinal));
        Assert.Contains(factual, p => p.Rejected.Length < p.Chosen.Length + 10);
    }

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
