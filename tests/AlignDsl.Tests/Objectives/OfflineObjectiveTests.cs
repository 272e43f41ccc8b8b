using AlignDsl.Models;
using AlignDsl.Objectives;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Objectives;

/// <summary>Each offline loss against values computed by hand from the formulas in docs/objectives.md.</summary>
public sealed class OfflineObjectiveTests
{
    private static Tensor T(params float[] values) => tensor(values);

    /// <summary>Log-probs whose mean per token is <paramref name="mean"/> over <paramref name="tokens"/> tokens.</summary>
    private static SequenceLogProbs Mean(float mean, float tokens = 4) => new(T(mean * tokens), T(tokens));

    [Fact]
    public void Hinge_is_one_minus_the_scaled_margin()
    {
        // h = 0.1·((−10 + 11) − (−12 + 11.5)) = 0.15 → max(0, 1 − 0.15).
        Assert.Equal(0.85, Dpo.Hinge(T(-10), T(-12), T(-11), T(-11.5f), 0.1).Loss.item<float>(), 5);
        Assert.Equal(0.0, Dpo.Hinge(T(0), T(-20), T(-10), T(-10), 0.1).Loss.item<float>(), 5);
    }

    [Fact]
    public void Ipo_averages_log_ratios_per_token_before_the_squared_loss()
    {
        // h' = (−10 + 11)/4 − (−12 + 11.5)/5 = 0.35; (0.35 − 1/(2·0.1))² = 21.6225.
        var output = Dpo.Ipo(new SequenceLogProbs(T(-10), T(4)), new SequenceLogProbs(T(-12), T(5)),
            new SequenceLogProbs(T(-11), T(4)), new SequenceLogProbs(T(-11.5f), T(5)), 0.1);
        Assert.Equal(21.6225, output.Loss.item<float>(), tolerance: 1e-4);
        // Summed, not averaged, the same numbers would give (1.5 − 5)² = 12.25: the averaging matters.
        Assert.NotEqual(12.25, output.Loss.item<float>(), 1);
    }

    [Fact]
    public void SimPo_uses_length_normalised_rewards_and_the_margin_gamma()
    {
        // −log σ(2·(−0.8 + 1.2) − 0.5) = −log σ(0.3).
        var output = SimPo.Loss(Mean(-0.8f, 5), Mean(-1.2f, 3), beta: 2, gamma: 0.5);
        Assert.Equal(0.554355, output.Loss.item<float>(), 5);
        Assert.Equal(-1.6, output.Metrics().Single(m => m.Name == "rewards/chosen").Value.item<float>(), 5);
        // Gamma raises the loss: a larger target margin is harder to meet.
        Assert.True(SimPo.Loss(Mean(-0.8f), Mean(-1.2f), 2, 1.0).Loss.item<float>() > output.Loss.item<float>());
    }

    [Fact]
    public void SimPo_sft_term_adds_the_chosen_nll()
    {
        var without = SimPo.Loss(Mean(-0.8f), Mean(-1.2f), 2, 0.5).Loss.item<float>();
        var with = SimPo.Loss(Mean(-0.8f), Mean(-1.2f), 2, 0.5, sftWeight: 0.5).Loss.item<float>();
        Assert.Equal(without + 0.5 * 0.8, with, 5);
    }

    [Fact]
    public void Orpo_is_nll_plus_the_weighted_log_odds_ratio_term()
    {
        // NLL 0.5; log-odds(p̄) = p̄ − log(1 − e^p̄); 0.5 + 0.1·(−log σ(lo(−0.5) − lo(−1.5))) = 0.517086.
        var output = Orpo.Loss(Mean(-0.5f), Mean(-1.5f), lambda: 0.1);
        Assert.Equal(0.517086, output.Loss.item<float>(), 5);
        var metrics = output.Metrics().ToDictionary(m => m.Name, m => m.Value.item<float>());
        Assert.Equal(0.5, metrics["nll_loss"], 5);
        Assert.Equal(1.680270, metrics["log_odds_chosen"], tolerance: 1e-5);
        Assert.Equal(-0.170859, metrics["log_odds_ratio"], tolerance: 1e-5);
    }

    [Theory]
    [InlineData(0.0, 0.0, 0.371101)]   // −log σ(1.2 − 0.4)
    [InlineData(0.5, 0.0, 0.554355)]   // −log σ(0.8 − 0.5)
    [InlineData(0.0, 0.01, 0.396701)]  // + 0.01·(1.2 + 0.4)²
    public void Reward_model_is_bradley_terry_with_margin_and_centring(double margin, double centering, double expected) =>
        Assert.Equal(expected, RewardModelLoss.BradleyTerry(T(1.2f), T(0.4f), margin, centering).Loss.item<float>(), 5);

    [Fact]
    public void Kto_compares_each_log_ratio_with_the_kl_baseline()
    {
        // Desirable r = 2, undesirable r = −1, mismatched log-ratios average 0.5 = z.
        // Desirable: 1 − σ(0.1·(2 − 0.5)); undesirable: 1 − σ(0.1·(0.5 + 1)); both 1 − σ(0.15).
        var output = Kto.Loss(T(-10, -13), T(-12, -12), T(1, 0), T(-9, -11), T(-10, -11), beta: 0.1);
        Assert.Equal(0.462570, output.Loss.item<float>(), 5);
        Assert.Equal(0.5, output.Kl.item<float>(), 5);
        var weighted = Kto.Loss(T(-10, -13), T(-12, -12), T(1, 0), T(-9, -11), T(-10, -11), 0.1, desirableWeight: 1, undesirableWeight: 2);
        Assert.Equal(0.693855, weighted.Loss.item<float>(), 5);
    }

    [Fact]
    public void Kto_clamps_a_negative_kl_estimate_at_zero()
    {
        var output = Kto.Loss(T(-10, -13), T(-12, -12), T(1, 0), T(-15, -15), T(-12, -12), beta: 0.1);
        Assert.Equal(0.0, output.Kl.item<float>());
        // z = 0: (1 − σ(0.2) + 1 − σ(0.1)) / 2.
        Assert.Equal(0.462593, output.Loss.item<float>(), 5);
    }

    [Fact]
    public void Kto_detaches_the_kl_estimate_so_no_gradient_reaches_the_mismatched_pairs()
    {
        // z = 0.5 (not clamped), so without the detach the loss would depend on the mismatched log-probs. The rows'
        // log-ratios (2 and −2) sit at different distances from z, so their gradients through z do not cancel.
        var policy = tensor(new float[] { -10, -14 }, requires_grad: true);
        var mismatched = tensor(new float[] { -9, -11 }, requires_grad: true);
        var output = Kto.Loss(policy, T(-12, -12), T(1, 0), mismatched, T(-10, -11), beta: 0.1);
        Assert.Equal(0.5, output.Kl.item<float>(), 5);

        output.Loss.backward();

        Assert.NotNull(policy.grad);
        Assert.NotEqual(0f, policy.grad!.abs().sum().item<float>());
        Assert.True(mismatched.grad is null || mismatched.grad.abs().sum().item<float>() == 0f,
            "the KL baseline must be detached: the mismatched pairs received a gradient");
    }
}
