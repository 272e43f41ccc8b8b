using AlignDsl.Guards;

namespace AlignDsl.Tests.Guards;

/// <summary>Each detector on hand-made readings: it fires on the failure it names, and stays quiet just inside its bound.</summary>
public sealed class DetectorTests
{
    private static readonly GuardSettings Settings = new() { MaxKl = 10, KlGrowthFactor = 3, Window = 3, MinEntropy = 0.2, MinDistinctRatio = 0.25, MaxLengthGrowth = 2, MaxJudgeDrop = 0.1 };

    private static GuardReading Read(int step, double? kl = null, double? score = null, double? entropy = null, double? distinct = null, double? length = null) =>
        new(step, kl, score, entropy, distinct, length);

    [Fact]
    public void Kl_above_its_bound_fires_and_at_the_bound_does_not()
    {
        Assert.Empty(KlExplosion.Check([Read(10, kl: 10)], Settings));
        var finding = Assert.Single(KlExplosion.Check([Read(10, kl: 10.5)], Settings));
        Assert.Equal(("kl_explosion", "max_kl", 10), (finding.Guard, finding.Signal, finding.Step));
        Assert.Contains("above MaxKl (10)", finding.Message);
    }

    [Fact]
    public void Kl_growing_faster_than_its_factor_within_the_window_fires()
    {
        // Window 3: the newest read is compared with the one two reads earlier.
        var finding = Assert.Single(KlExplosion.Check([Read(10, kl: 2), Read(20, kl: 4), Read(30, kl: 6.5)], Settings));
        Assert.Equal("kl_growth", finding.Signal);
        Assert.Contains("since step 10", finding.Message);
        Assert.Empty(KlExplosion.Check([Read(10, kl: 2), Read(20, kl: 4), Read(30, kl: 5.9)], Settings));
        // Too few reads for the window: no growth check at all.
        Assert.Empty(KlExplosion.Check([Read(10, kl: 2), Read(20, kl: 7)], Settings));
    }

    [Fact]
    public void Kl_climbing_from_nearly_zero_is_not_an_explosion()
    {
        // 0.01 → 2.9 is 290-fold, but a KL under 1 nat counts as 1: 2.9 < 3.
        Assert.Empty(KlExplosion.Check([Read(10, kl: 0.01), Read(20, kl: 1), Read(30, kl: 2.9)], Settings));
    }

    [Fact]
    public void Reward_rising_while_answers_grow_past_their_bound_is_hacking()
    {
        GuardReading[] hacked = [Read(10, score: 1, length: 5), Read(20, score: 2, length: 8), Read(30, score: 3, length: 10.5)];
        var finding = Assert.Single(RewardHacking.CheckLength(hacked, Settings));
        Assert.Equal(("reward_hacking", "length"), (finding.Guard, finding.Signal));
        Assert.Contains("paid for length", finding.Message);
        // Longer answers with a falling reward, or a rising reward with answers inside the bound, are not.
        Assert.Empty(RewardHacking.CheckLength([Read(10, score: 3, length: 5), Read(20, score: 2, length: 8), Read(30, score: 1, length: 10.5)], Settings));
        Assert.Empty(RewardHacking.CheckLength([Read(10, score: 1, length: 5), Read(20, score: 2, length: 8), Read(30, score: 3, length: 10)], Settings));
    }

    [Fact]
    public void Reward_rising_while_the_judge_falls_is_hacking()
    {
        var finding = Assert.Single(RewardHacking.CheckJudge(0, 0.5, 1.0, 40, 0.35, 2.0, "win_rate", Settings));
        Assert.Equal(("judge", 40), (finding.Signal, finding.Step));
        Assert.Contains("win_rate fell from 0.5 to 0.35", finding.Message);
        Assert.Empty(RewardHacking.CheckJudge(0, 0.5, 1.0, 40, 0.45, 2.0, "win_rate", Settings));
        Assert.Empty(RewardHacking.CheckJudge(0, 0.5, 2.0, 40, 0.35, 1.0, "win_rate", Settings));
    }

    [Fact]
    public void Low_entropy_or_few_distinct_answers_is_collapse()
    {
        var findings = Collapse.Check([Read(10, entropy: 0.1, distinct: 0.2)], Settings).ToList();
        Assert.Equal(["entropy", "distinct_ratio"], findings.Select(f => f.Signal));
        Assert.All(findings, f => Assert.Equal("collapse", f.Guard));
        Assert.Empty(Collapse.Check([Read(10, entropy: 0.2, distinct: 0.25)], Settings));
    }

    [Fact]
    public void Figures_the_run_does_not_log_are_not_checked()
    {
        Assert.Empty(new FailureModeGuards(Settings).Observe(Read(10)));
        Assert.Null(GuardReading.From(10, new Dictionary<string, double> { ["objective/kl"] = double.NaN }).Kl);
    }

    [Fact]
    public void The_run_memory_reports_each_signal_once_and_counts_the_rest()
    {
        var guards = new FailureModeGuards(Settings);
        Assert.Single(guards.Observe(Read(10, kl: 11)));
        Assert.Empty(guards.Observe(Read(20, kl: 12)));
        var kl = Assert.Single(guards.Events);
        Assert.Equal((10, 2, 20), (kl.First.Step, kl.Count, kl.LastStep));
    }

    [Fact]
    public void The_judge_is_compared_from_one_evaluation_to_the_next_with_the_reward_read_at_each()
    {
        var guards = new FailureModeGuards(Settings);
        Assert.Empty(guards.ObserveEvaluation(0, new Dictionary<string, double> { ["win_rate"] = 0.5, ["preference_accuracy"] = 0.9 }));
        guards.Observe(Read(10, score: 1));
        guards.Observe(Read(20, score: 3));
        // Win rate is preferred over preference accuracy; before training the reward is the first read.
        var finding = Assert.Single(guards.ObserveEvaluation(20, new Dictionary<string, double> { ["win_rate"] = 0.3, ["preference_accuracy"] = 0.95 }));
        Assert.Contains("the reward rose from 1 to 3 since step 0", finding.Message);
        Assert.Contains("win_rate", finding.Message);
    }
}
