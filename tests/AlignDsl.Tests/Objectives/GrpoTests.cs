using AlignDsl.Objectives;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Objectives;

/// <summary>The GRPO kernel against values computed by hand from TRL's formulas.</summary>
public sealed class GrpoTests
{
    // Two groups of three answers. Group 1: mean 0.5, unbiased std 0.5. Group 2: every answer scored 2, std 0.
    private static readonly Tensor Scores = tensor(new float[] { 1, 0, 0.5f, 2, 2, 2 });

    internal static void AssertClose(float[] expected, Tensor actual, float tolerance = 1e-5f)
    {
        var values = actual.to(ScalarType.Float32).data<float>().ToArray();
        Assert.Equal(expected.Length, values.Length);
        for (var i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - values[i]) <= tolerance, $"[{i}]: expected {expected[i]}, got {values[i]}");
    }

    internal static double Metric(IEnumerable<(string Name, Tensor Value)> metrics, string name) => metrics.Single(m => m.Name == name).Value.item<float>();

    [Fact]
    public void Advantages_are_relative_to_the_group_and_a_group_without_spread_gets_zero()
    {
        var result = Grpo.Advantages(Scores, generations: 3);
        // (r − 0.5) / (0.5 + 1e-4) in group 1; (r − 2) / (0 + 1e-4) = 0 in group 2, not NaN.
        AssertClose([0.5f / 0.5001f, -0.5f / 0.5001f, 0, 0, 0, 0], result.Advantages);
        var metrics = result.Metrics().ToList();
        Assert.Equal(1.25, Metric(metrics, "reward"), 5);
        // The unbiased std over all six rewards: √(3.875 / 5).
        Assert.Equal(Math.Sqrt(3.875 / 5), Metric(metrics, "reward_std"), 5);
        Assert.Equal(0.5, Metric(metrics, "frac_reward_zero_std"), 5);
    }

    [Fact]
    public void Dr_grpo_advantages_are_centred_but_not_scaled()
    {
        AssertClose([0.5f, -0.5f, 0, 0, 0, 0], Grpo.Advantages(Scores, generations: 3, GrpoLoss.DrGrpo).Advantages);
    }

    [Fact]
    public void Groups_are_consecutive_rows_and_must_divide_the_batch()
    {
        // As pairs the same rewards group differently: (1, 0), (0.5, 2), (2, 2).
        AssertClose([0.5f, -0.5f, -0.75f, 0.75f, 0, 0], Grpo.Advantages(Scores, generations: 2, GrpoLoss.DrGrpo).Advantages);
        Assert.Throws<ArgumentException>(() => Grpo.Advantages(Scores, generations: 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Grpo.Advantages(Scores, generations: 1));
    }

    [Fact]
    public void K3_is_zero_where_the_policies_agree_and_never_negative()
    {
        // ref − log π = 0, 0.5, −1: e^0.5 − 1.5 and e^−1 + 1 − 1.
        var kl = Grpo.KlK3(tensor(new float[] { -1, -2, -1 }), tensor(new float[] { -1, -1.5f, -2 }));
        AssertClose([0, (float)(Math.Exp(0.5) - 1.5), (float)Math.Exp(-1)], kl);
        var random = Grpo.KlK3(randn(1000) * 3, randn(1000) * 3);
        Assert.True(random.min().item<float>() >= 0);
    }

    // Two answers: row 0 has two tokens, advantage 1, ratios 1.5 and 0.9; row 1 has one token (then padding), advantage −1,
    // ratio 0.5. ε = 0.2.
    private static readonly Tensor Mask = tensor(new float[] { 1, 1, 1, 0 }, [2, 2]);
    private static readonly Tensor Old = zeros(2, 2);
    private static readonly Tensor Advantages = tensor(new float[] { 1, -1 });
    private static Tensor LogProbs() => tensor(new[] { (float)Math.Log(1.5), (float)Math.Log(0.9), (float)Math.Log(0.5), 0f }, [2, 2]).requires_grad_();

    [Fact]
    public void The_clipped_surrogate_stops_at_the_clip_on_the_side_the_advantage_favours()
    {
        var logProbs = LogProbs();
        var output = Grpo.Loss(logProbs, Old, null, Advantages, Mask, clipRange: 0.2, beta: 0);
        // Row 0: −min(1.5, 1.2) and −min(0.9, 0.9), mean −1.05. Row 1: −min(−0.5, −0.8) = 0.8. Mean of rows: −0.125.
        Assert.Equal(-0.125, output.Loss.item<float>(), 5);
        output.Loss.backward();
        var grad = logProbs.grad!.data<float>().ToArray();
        // The clipped tokens pass no gradient; the unclipped one does.
        Assert.Equal(0, grad[0]);
        Assert.Equal(0, grad[2]);
        Assert.NotEqual(0, grad[1]);
        var metrics = output.Metrics().ToList();
        Assert.Equal(1 / 3.0, Metric(metrics, "clip_ratio/low_mean"), 5);
        Assert.Equal(1 / 3.0, Metric(metrics, "clip_ratio/high_mean"), 5);
        Assert.Equal(2 / 3.0, Metric(metrics, "clip_ratio/region_mean"), 5);
        Assert.DoesNotContain(metrics, m => m.Name == "kl");
    }

    [Fact]
    public void Dr_grpo_sums_every_token_over_a_constant()
    {
        var output = Grpo.Loss(LogProbs(), Old, null, Advantages, Mask, clipRange: 0.2, beta: 0, GrpoLoss.DrGrpo, maxNewTokens: 4);
        // (−1.2 − 0.9 + 0.8) / (2 answers × 4 tokens).
        Assert.Equal(-1.3 / 8, output.Loss.item<float>(), 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => Grpo.Loss(LogProbs(), Old, null, Advantages, Mask, 0.2, 0, GrpoLoss.DrGrpo));
    }

    [Fact]
    public void The_kl_term_adds_beta_times_k3_per_token()
    {
        var logProbs = LogProbs();
        // The same reference as the policy: k3 is 0 and the loss is the surrogate's.
        var same = Grpo.Loss(logProbs, Old, logProbs.detach(), Advantages, Mask, 0.2, beta: 0.1);
        Assert.Equal(-0.125, same.Loss.item<float>(), 5);
        Assert.Equal(0, Metric(same.Metrics(), "kl"), 6);
        // A reference at log-prob 0 everywhere: k3 = e^−x + x − 1 per token, averaged per answer then over answers.
        static double K3(double x) => Math.Exp(-x) + x - 1;
        var (a, b, c) = (K3(Math.Log(1.5)), K3(Math.Log(0.9)), K3(Math.Log(0.5)));
        var shifted = Grpo.Loss(logProbs, Old, zeros(2, 2), Advantages, Mask, 0.2, beta: 0.1);
        Assert.Equal(-0.125 + 0.1 * ((a + b) / 2 + c) / 2, shifted.Loss.item<float>(), 5);
        Assert.Equal((a + b + c) / 3, Metric(shifted.Metrics(), "kl"), 5);
    }
}
