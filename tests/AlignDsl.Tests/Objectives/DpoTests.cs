using AlignDsl.Objectives;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Objectives;

/// <summary>The DPO kernel against values computed by hand from TRL's formula.</summary>
public sealed class DpoTests
{
    // β = 0.1, log π(c) = −10, log π(r) = −12, log π_ref(c) = −11, log π_ref(r) = −11.5 → h = 0.15.
    private static PreferenceOutput Compute(double beta = 0.1, double labelSmoothing = 0.0, float pc = -10, float pr = -12, float rc = -11, float rr = -11.5f) =>
        Dpo.Sigmoid(tensor(new[] { pc }), tensor(new[] { pr }), tensor(new[] { rc }), tensor(new[] { rr }), beta, labelSmoothing);

    [Theory]
    [InlineData(0.0, 0.620957)]  // −log σ(0.15)
    [InlineData(0.1, 0.635957)]  // 0.9·0.620957 + 0.1·(−log σ(−0.15))
    [InlineData(0.3, 0.665957)]
    public void Loss_matches_hand_computed_values(double labelSmoothing, double expected) =>
        Assert.Equal(expected, Compute(labelSmoothing: labelSmoothing).Loss.item<float>(), 5);

    [Fact]
    public void Beta_scales_the_implicit_reward()
    {
        // β = 0.5 → h = 0.75, −log σ(0.75) = log(1 + e^−0.75) = 0.386871.
        Assert.Equal(0.386871, Compute(beta: 0.5).Loss.item<float>(), 5);
    }

    [Fact]
    public void Metrics_use_trl_names_and_values()
    {
        var metrics = Compute().Metrics().ToDictionary(m => m.Name, m => (double)m.Value.item<float>());
        Assert.Equal(0.1, metrics["rewards/chosen"], 5);
        Assert.Equal(-0.05, metrics["rewards/rejected"], 5);
        Assert.Equal(0.15, metrics["rewards/margins"], 5);
        Assert.Equal(1.0, metrics["rewards/accuracies"], 5);
        Assert.Equal(-10, metrics["logps/chosen"], 5);
        Assert.Equal(-12, metrics["logps/rejected"], 5);
        Assert.Equal(0.620957, metrics["loss"], 5);
    }

    [Fact]
    public void Loss_averages_over_pairs_and_rewards_a_wrong_ranking_with_a_larger_loss()
    {
        var output = Dpo.Sigmoid(tensor(new float[] { -10, -12 }), tensor(new float[] { -12, -10 }),
            tensor(new float[] { -11, -11 }), tensor(new float[] { -11.5f, -11.5f }), 0.1);
        // Second pair: h = 0.1·((−12 + 11) − (−10 + 11.5)) = −0.25 → −log σ(−0.25) = 0.825939.
        Assert.Equal((0.620957 + 0.825939) / 2, output.Loss.item<float>(), 5);
        Assert.Equal(0.5, output.Metrics().Single(m => m.Name == "rewards/accuracies").Value.item<float>(), 5);
    }

    [Fact]
    public void Gradient_raises_chosen_and_lowers_rejected()
    {
        var chosen = tensor(new[] { -10f }, requires_grad: true);
        var rejected = tensor(new[] { -12f }, requires_grad: true);
        Dpo.Sigmoid(chosen, rejected, tensor(new[] { -11f }), tensor(new[] { -11.5f }), 0.1).Loss.backward();
        Assert.True(chosen.grad!.item<float>() < 0, "descending the loss should raise log π(chosen)");
        Assert.True(rejected.grad!.item<float>() > 0, "descending the loss should lower log π(rejected)");
    }
}
