using AlignDsl.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Training;

public sealed class OptimizerTests
{
    [Fact]
    public void Clips_gradients_to_the_global_norm_and_reports_the_norm_before_clipping()
    {
        var a = new Parameter(zeros(2));
        var b = new Parameter(zeros(1));
        using var optimizer = new Optimizer([a, b], new LearningRateSchedule(0.1, 0, 10), weightDecay: 0, maxGradNorm: 1.0);
        optimizer.ZeroGrad();
        // Gradients (3, 0) and (4): global norm 5.
        (a * tensor(new float[] { 3, 0 })).sum().add((b * 4).sum()).backward();
        optimizer.ClipAndStep();
        Assert.Equal(5.0, optimizer.GradNorm!.item<float>(), 4);
        Assert.Equal(1.0, Math.Sqrt(a.grad!.pow(2).sum().item<float>() + b.grad!.pow(2).sum().item<float>()), 4);
        Assert.Equal(0.1, optimizer.LearningRate, 10);
        Assert.True(a[0].item<float>() < 0, "AdamW should move against the gradient");
    }
}
