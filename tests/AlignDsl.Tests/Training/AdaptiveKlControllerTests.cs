using AlignDsl.Checkpointing;
using AlignDsl.Training;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Training;

/// <summary>The adaptive KL controller against β computed by hand from β ← β·(1 + clip(KL/target − 1, ±0.2)·n/horizon).</summary>
public sealed class AdaptiveKlControllerTests
{
    [Fact]
    public void Beta_moves_by_the_clipped_proportional_error_times_answers_over_horizon()
    {
        var controller = new AdaptiveKlController(initial: 0.1, target: 6, horizon: 1000);
        // KL 6.6: error 0.1, 50 answers → β·(1 + 0.1·50/1000) = 0.1·1.005.
        controller.Update(6.6, 50);
        Assert.Equal(0.1005, controller.Value, 12);
        // KL 12: error 1 clipped to 0.2, 100 answers → ·1.02.
        controller.Update(12, 100);
        Assert.Equal(0.1005 * 1.02, controller.Value, 12);
        // KL 0: error −1 clipped to −0.2, 1000 answers → ·0.8.
        controller.Update(0, 1000);
        Assert.Equal(0.1005 * 1.02 * 0.8, controller.Value, 12);
        // On target: unchanged.
        controller.Update(6, 1000);
        Assert.Equal(0.1005 * 1.02 * 0.8, controller.Value, 12);
    }

    [Fact]
    public void A_rollouts_kl_is_its_mean_per_answer_and_its_row_count()
    {
        var controller = new AdaptiveKlController(initial: 0.2, target: 2, horizon: 40);
        // Mean KL 2.2 over 4 answers: error 0.1 → β·(1 + 0.1·4/40) = 0.2·1.01.
        controller.Update(tensor(new float[] { 1, 2, 2.5f, 3.3f }));
        Assert.Equal(0.202, controller.Value, 6);
    }

    [Fact]
    public void A_checkpoint_restores_beta()
    {
        var controller = new AdaptiveKlController(initial: 0.05, target: 1, horizon: 10);
        controller.Update(5, 10);
        using var stream = new MemoryStream();
        ((ICheckpointed)controller).Save(new BinaryWriter(stream));
        stream.Position = 0;
        var restored = new AdaptiveKlController(initial: 0.05, target: 1, horizon: 10);
        ((ICheckpointed)restored).Load(new BinaryReader(stream));
        Assert.Equal(0.06, controller.Value, 12);
        Assert.Equal(controller.Value, restored.Value);
    }

    [Fact]
    public void Beta_is_logged_under_trls_name()
    {
        var controller = new AdaptiveKlController(initial: 0.05, target: 1, horizon: 10);
        var (name, value) = controller.Metrics(CPU).Single();
        Assert.Equal("objective/kl_coef", name);
        Assert.Equal(0.05, value.item<double>(), 12);
    }
}
