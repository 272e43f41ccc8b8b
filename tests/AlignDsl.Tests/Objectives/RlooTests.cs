using AlignDsl.Objectives;
using static AlignDsl.Tests.Objectives.GrpoTests;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Objectives;

/// <summary>The RLOO kernel against values computed by hand from TRL's formulas.</summary>
public sealed class RlooTests
{
    private static readonly Tensor Scores = tensor(new float[] { 1, 0, 0.5f, 2, 2, 2 });

    // One answer token per row, so each answer's KL is its one token's log π_old − log π_ref.
    private static readonly Tensor OneToken = ones(6, 1);

    [Fact]
    public void Each_advantage_is_the_reward_minus_the_mean_of_the_others_in_its_group()
    {
        var result = Rloo.Advantages(Scores, zeros(6, 1), null, OneToken, generations: 3, beta: 0.5);
        // Group 1: 1 − (0 + 0.5)/2, 0 − (1 + 0.5)/2, 0.5 − (1 + 0)/2. Group 2 all alike: 0.
        AssertClose([0.75f, -0.75f, 0, 0, 0, 0], result.Advantages);
        var metrics = result.Metrics().ToList();
        Assert.Equal(1.25, Metric(metrics, "reward"), 5);
        Assert.Equal(0.5, Metric(metrics, "frac_reward_zero_std"), 5);
        Assert.DoesNotContain(metrics, m => m.Name == "kl");
    }

    [Fact]
    public void The_kl_penalty_is_subtracted_from_the_reward_before_the_baseline()
    {
        // log π_old − log π_ref = 1, 0, 0, 0, 0, −2; β = 0.5 → rewards 0.5, 0, 0.5, 2, 2, 3.
        var old = tensor(new float[] { 1, 0, 0, 0, 0, -2 }, [6, 1]);
        var result = Rloo.Advantages(Scores, old, zeros(6, 1), OneToken, generations: 3, beta: 0.5);
        AssertClose([0.25f, -0.5f, 0.25f, -0.5f, -0.5f, 1], result.Advantages);
        var metrics = result.Metrics().ToList();
        // TRL's reward is the score before the penalty; kl the mean per token (it can be negative).
        Assert.Equal(1.25, Metric(metrics, "reward"), 5);
        Assert.Equal(-1 / 6.0, Metric(metrics, "kl"), 5);
        // The penalised rewards of group 2 differ, so no group is without spread.
        Assert.Equal(0, Metric(metrics, "frac_reward_zero_std"), 5);
    }

    [Fact]
    public void The_clip_applies_to_whole_answer_ratios()
    {
        var mask = ones(2, 2);
        // Row 0: Σ log π − Σ log π_old = 0.4, ratio e^0.4 > 1.2 with advantage 1: clipped. Row 1: ratio e^−0.1 with advantage −1.
        var logProbs = tensor(new float[] { 0.2f, 0.2f, -0.05f, -0.05f }, [2, 2]).requires_grad_();
        var output = Rloo.Loss(logProbs, zeros(2, 2), tensor(new float[] { 1, -1 }), mask, clipRange: 0.2);
        Assert.Equal((-1.2 + Math.Exp(-0.1)) / 2, output.Loss.item<float>(), 5);
        output.Loss.backward();
        var grad = logProbs.grad!.data<float>().ToArray();
        Assert.Equal(0, grad[0]);
        Assert.Equal(Math.Exp(-0.1) / 2, grad[2], 5);
        var metrics = output.Metrics().ToList();
        Assert.Equal(0.5, Metric(metrics, "clip_ratio/high_mean"), 5);
        Assert.Equal(0, Metric(metrics, "clip_ratio/low_mean"), 5);
        Assert.Equal(0.5, Metric(metrics, "clip_ratio/region_mean"), 5);
    }
}
