using AlignDsl.Evaluation;
using AlignDsl.Judging;

namespace AlignDsl.Tests.Evaluation;

public sealed class WinRateTests
{
    /// <summary>A judge with total position bias: whatever comes first wins.</summary>
    private sealed class FirstAlwaysWins : IJudge
    {
        public int Comparisons { get; private set; }

        public string Name => "first";

        public Task<Verdict> ClassifyAsync(string prompt, string answer, CancellationToken cancellationToken) => Task.FromResult(Verdict.Other);

        public Task<double> CompareAsync(Comparison comparison, CancellationToken cancellationToken)
        {
            Comparisons++;
            return Task.FromResult(1.0);
        }
    }

    /// <summary>A judge without position bias that prefers the longer answer.</summary>
    private sealed class LongerWins : IJudge
    {
        public string Name => "longer";

        public Task<Verdict> ClassifyAsync(string prompt, string answer, CancellationToken cancellationToken) => Task.FromResult(Verdict.Other);

        public Task<double> CompareAsync(Comparison c, CancellationToken cancellationToken) =>
            Task.FromResult(c.First.Length > c.Second.Length ? 1.0 : c.First.Length < c.Second.Length ? 0.0 : 0.5);
    }

    [Fact]
    public async Task A_policy_against_its_frozen_copy_ties_every_comparison()
    {
        using var policy = TinyModels.Policy(3);
        using var copy = policy.FrozenCopy();

        var result = await new WinRate().RunAsync(TinyModels.Context(policy, new MeanLogProbReward(policy), copy), default);

        Assert.Equal(0.5, result["win_rate"]);
        Assert.Equal(56, result["win_rate_count"]);
        Assert.Equal(56, result["ties"]);
        Assert.Equal(0, result["wins"]);
        Assert.Equal(0, result["losses"]);
        Assert.Equal(["harmful", "benign", "factual", "false_premise"], result.ByCategory.Keys);
        Assert.Equal([20.0, 20, 12, 4], result.ByCategory.Values.Select(c => c["win_rate_count"]));
    }

    [Fact]
    public async Task Asking_both_orders_cancels_a_judge_that_always_prefers_the_first_answer()
    {
        using var policy = TinyModels.Policy(3);
        using var other = TinyModels.Perturbed(policy, 0.5, 4);
        var judge = new FirstAlwaysWins();

        var result = await new WinRate().RunAsync(TinyModels.Context(policy, new MeanLogProbReward(policy), other) with { Judge = judge }, default);

        Assert.Equal(0.5, result["win_rate"]);
        Assert.Equal(56, result["ties"]);
        Assert.Equal(2 * 56, judge.Comparisons);
    }

    [Fact]
    public async Task Swapping_policy_and_baseline_mirrors_the_result()
    {
        using var policy = TinyModels.Policy(3);
        using var other = TinyModels.Perturbed(policy, 0.5, 4);
        var context = TinyModels.Context(policy, new MeanLogProbReward(policy), other) with { Judge = new LongerWins() };

        var forward = await new WinRate().RunAsync(context, default);
        var backward = await new WinRate().RunAsync(context with { Policy = other, Baseline = policy }, default);

        Assert.True(forward["wins"] + forward["losses"] > 0, "the two models should answer differently");
        Assert.Equal(56, forward["wins"]!.Value + forward["ties"]!.Value + forward["losses"]!.Value);
        Assert.Equal(forward["wins"], backward["losses"]);
        Assert.Equal(forward["ties"], backward["ties"]);
        Assert.Equal(1.0, forward["win_rate"]!.Value + backward["win_rate"]!.Value, 12);
        Assert.Equal((forward["wins"]!.Value + 0.5 * forward["ties"]!.Value) / 56, forward["win_rate"]!.Value, 12);
    }
}
