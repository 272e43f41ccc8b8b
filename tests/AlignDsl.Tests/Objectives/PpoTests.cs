using AlignDsl.Objectives;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Objectives;

/// <summary>The PPO kernel against values computed by hand from TRL's formulas.</summary>
public sealed class PpoTests
{
    // Row 0: one prompt target (masked), then 3 answer tokens. Row 1: 2 answer tokens, then 2 padding positions.
    private static readonly Tensor Mask = tensor(new float[] { 0, 1, 1, 1, 1, 1, 0, 0 }, [2, 4]);

    // β = 0.1, γ = 1, λ = 0.5.
    // Row 0: log π_old − log π_ref = [·, 0.5, −1, 0] → rewards [0, −0.05, 0.1, 0 + score 2] with V_old = [·, 0.5, 1, 1.5]:
    //   t3: δ = 2 + 0 − 1.5 = 0.5,      A = 0.5
    //   t2: δ = 0.1 + 1.5 − 1 = 0.6,    A = 0.6 + 0.5·0.5 = 0.85
    //   t1: δ = −0.05 + 1 − 0.5 = 0.45, A = 0.45 + 0.5·0.85 = 0.875
    //   returns = A + V_old = [0, 1.375, 1.85, 2]; KL = −0.5; non-score reward = 0.05.
    // Row 1: no KL, score 1 at t1, V_old = [0.2, 0.4] (the padding's 7s never count):
    //   t1: δ = 1 + 0 − 0.4 = 0.6, A = 0.6;  t0: δ = 0 + 0.4 − 0.2 = 0.2, A = 0.2 + 0.5·0.6 = 0.5;  returns [0.7, 1].
    // Whitened over the 5 answer tokens: mean 0.665, unbiased std 0.1850676.
    private static PpoAdvantages Compute() => Ppo.Advantages(
        scores: tensor(new float[] { 2, 1 }),
        oldLogProbs: tensor(new float[] { 0, -1, -2, -0.5f, -1, -1, 0, 0 }, [2, 4]),
        referenceLogProbs: tensor(new float[] { 0, -1.5f, -1, -0.5f, -1, -1, 0, 0 }, [2, 4]),
        oldValues: tensor(new float[] { 9, 0.5f, 1, 1.5f, 0.2f, 0.4f, 7, 7 }, [2, 4]),
        Mask, klCoefficient: 0.1, gamma: 1.0, lambda: 0.5);

    private static void AssertClose(float[] expected, Tensor actual, float tolerance)
    {
        var values = actual.data<float>().ToArray();
        Assert.Equal(expected.Length, values.Length);
        for (var i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - values[i]) <= tolerance, $"[{i}]: expected {expected[i]}, got {values[i]}");
    }

    [Fact]
    public void Rewards_carry_the_kl_penalty_per_token_and_the_score_at_the_last_answer_token()
    {
        var result = Compute();
        AssertClose(new[] { 0, -0.05f, 0.1f, 2, 0, 1, 0, 0 }, result.Rewards, 1e-5f);
        AssertClose(new[] { -0.5f, 0 }, result.Kl, 1e-5f);
        AssertClose(new[] { 0.05f, 0 }, result.NonScoreReward, 1e-5f);
    }

    [Fact]
    public void Returns_are_gae_plus_old_values()
    {
        AssertClose(new[] { 0, 1.375f, 1.85f, 2, 0.7f, 1, 0, 0 }, Compute().Returns, 1e-5f);
    }

    [Fact]
    public void Advantages_are_gae_whitened_over_the_mask()
    {
        var advantages = Compute().Advantages;
        AssertClose(new[] { 0, 1.134721f, 0.999635f, -0.891566f, -0.891566f, -0.351223f, 0, 0 }, advantages, 1e-4f);
        var masked = advantages.masked_select(Mask > 0);
        Assert.Equal(0, masked.mean().item<float>(), 5);
        Assert.Equal(1, masked.std().item<float>(), 4);
    }

    [Fact]
    public void Rollout_metrics_use_trl_names()
    {
        var metrics = Compute().Metrics().ToDictionary(m => m.Name, m => (double)m.Value.item<float>());
        Assert.Equal(-0.25, metrics["objective/kl"], 5);
        Assert.Equal(0.025, metrics["objective/non_score_reward"], 5);
        Assert.Equal(1.525, metrics["objective/rlhf_reward"], 5);
        Assert.Equal(1.5, metrics["objective/scores"], 5);
    }

    private static PpoAdvantages Given(float[] advantages, float[] returns) =>
        new(tensor(advantages, [1, advantages.Length]), tensor(returns, [1, returns.Length]), zeros(1, advantages.Length),
            zeros(1), zeros(1), zeros(1));

    [Fact]
    public void Unchanged_policy_gives_ratio_one_and_minus_the_mean_advantage()
    {
        var mask = tensor(new float[] { 0, 1, 1 }, [1, 3]);
        var logProbs = tensor(new float[] { 0, -1, -2 }, [1, 3]);
        var values = tensor(new float[] { 0, 1, 1 }, [1, 3]);
        var output = Ppo.Loss(logProbs, logProbs, Given([5, 1, 2], [0, 1, 1]), values, values, mask, 0.2, 0.2, 0.1);
        var metrics = output.Metrics().ToDictionary(m => m.Name, m => (double)m.Value.item<float>());
        Assert.Equal(-1.5, metrics["loss/policy_avg"], 5);  // −(1 + 2) / 2: the masked 5 does not count
        Assert.Equal(0, metrics["loss/value_avg"], 5);
        Assert.Equal(0, metrics["policy/clipfrac_avg"], 5);
        Assert.Equal(0, metrics["policy/approxkl_avg"], 5);
        Assert.Equal(1, metrics["val/ratio"], 5);
        Assert.Equal(1, metrics["val/mean"], 5);
        Assert.Equal(-1.5, metrics["loss"], 5);
    }

    [Fact]
    public void A_ratio_beyond_the_clip_range_takes_the_pessimistic_branch()
    {
        // Ratio 1.5, ε = 0.2. A = +1: max(−1.5, −1.2) = −1.2 (clipped, no gradient). A = −1: max(1.5, 1.2) = 1.5 (unclipped).
        var mask = ones(1, 2);
        var logProbs = full(1, 2, (float)Math.Log(1.5)).requires_grad_();
        var output = Ppo.Loss(logProbs, zeros(1, 2), Given([1, -1], [0, 0]), zeros(1, 2), zeros(1, 2), mask, 0.2, 0.2, 0.1);
        Assert.Equal(0.15, output.PolicyLoss.item<float>(), 5);  // (−1.2 + 1.5) / 2
        Assert.Equal(0.5, output.PolicyClipFraction.item<float>(), 5);
        Assert.Equal(0.5 * Math.Pow(Math.Log(1.5), 2), output.ApproxKl.item<float>(), 5);
        output.Loss.backward();
        // d/d log π of (−A·ratio)/2 is −A·ratio/2: 0 for the clipped token, 0.75 for the other.
        AssertClose(new[] { 0, 0.75f }, logProbs.grad!, 1e-5f);
    }

    [Fact]
    public void Values_that_move_beyond_the_value_clip_range_are_clipped_when_that_is_worse()
    {
        // ε_v = 0.2. Token 0: V_old 1, V 2, R 2 → (V − R)² = 0, clipped V 1.2 → 0.64: max 0.64, clipped.
        // Token 1: V_old 1, V 1.1, R 0 → both 1.21, not clipped. Value loss ½·(0.64 + 1.21) / 2 = 0.4625.
        var mask = ones(1, 2);
        var logProbs = zeros(1, 2);
        var output = Ppo.Loss(logProbs, logProbs, Given([1, 1], [2, 0]), tensor(new float[] { 2, 1.1f }, [1, 2]), ones(1, 2), mask, 0.2, 0.2, 0.5);
        Assert.Equal(0.4625, output.ValueLoss.item<float>(), 5);
        Assert.Equal(0.5, output.ValueClipFraction.item<float>(), 5);
        Assert.Equal(-1 + 0.5 * 0.4625, output.Loss.item<float>(), 5);
    }

    [Fact]
    public void Missing_eos_penalty_lowers_only_the_scores_of_cut_answers()
    {
        var scores = Ppo.PenaliseMissingEos(tensor(new float[] { 2, 1, 0.5f, -1 }), tensor(new float[] { 0, 1, 1, 0 }), penalty: 0.75);
        AssertClose(new[] { 2, 0.25f, -0.25f, -1 }, scores, 1e-6f);
    }

    [Fact]
    public void Advantage_rows_select_the_same_rows_of_every_tensor()
    {
        var all = Compute();
        var second = all.Rows(tensor(new long[] { 1 }));
        AssertClose(all.Advantages[1].data<float>().ToArray(), second.Advantages, 0);
        AssertClose(all.Returns[1].data<float>().ToArray(), second.Returns, 0);
        AssertClose(new[] { 0f }, second.Kl, 0);
        AssertClose(new[] { 1f }, second.Scores, 0);
    }
}
