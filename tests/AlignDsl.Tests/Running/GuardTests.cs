using AlignDsl.Models;
using AlignDsl.Reporting;
using AlignDsl.Running;
using AlignDsl.Tests.Evaluation;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Running;

/// <summary>The run-time guards every objective gets: the divergence watch, sampling from a diverged model, NaN checkpoints.</summary>
public sealed class GuardTests
{
    [Fact]
    public void The_watch_names_the_first_non_finite_step_though_it_is_read_later()
    {
        using var metrics = new MetricSet();
        float[] losses = [1f, 2f, float.NaN, 3f, float.PositiveInfinity];
        for (var step = 1; step <= losses.Length; step++)
        {
            using (NewDisposeScope())
            {
                metrics.Add("loss", tensor(losses[step - 1]));
                metrics.Add("grad_norm", tensor(1f));
            }
            metrics.EndStep(step);
        }
        metrics.ReadMeans();
        Assert.Equal(3, metrics.FirstNonFiniteStep);
    }

    [Fact]
    public void A_non_finite_gradient_norm_counts_and_other_metrics_do_not()
    {
        using var metrics = new MetricSet();
        metrics.Add("logps/chosen", tensor(float.NegativeInfinity));
        metrics.Add("loss", tensor(1f));
        metrics.EndStep(1);
        Assert.Null(metrics.ReadFirstNonFiniteStep());
        metrics.Add("val/grad_norm", tensor(float.NaN));
        metrics.EndStep(2);
        Assert.Equal(2, metrics.ReadFirstNonFiniteStep());
    }

    [Fact]
    public void Sampling_from_a_nan_model_throws_instead_of_reaching_multinomial()
    {
        using var policy = TinyModels.Policy(1);
        using (no_grad())
            foreach (var p in policy.Parameters()) p.fill_(float.NaN);
        var error = Assert.Throws<NonFiniteModelException>(() => policy.Sample(["user: hello\nassistant:"], 4, new Generator(1)));
        Assert.Contains("diverged", error.Message);
    }

    [Fact]
    public void A_checkpoint_with_nan_weights_is_refused_as_a_parent()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"aligndsl-nan-{Guid.NewGuid():N}");
        try
        {
            using (var policy = TinyModels.Policy(2))
            {
                using (no_grad()) policy.Parameters().First().fill_(float.NaN);
                policy.Save(directory);
            }
            var error = Assert.Throws<InvalidOperationException>(() => Checkpoint.Load(directory, CPU));
            Assert.Contains("NaN or infinite weights", error.Message);
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }
}
