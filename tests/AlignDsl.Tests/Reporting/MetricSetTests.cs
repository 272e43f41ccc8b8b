using AlignDsl.Objectives;
using AlignDsl.Reporting;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Reporting;

public sealed class MetricSetTests
{
    [Fact]
    public void Accumulates_inside_dispose_scopes_and_reads_means_once()
    {
        using var metrics = new MetricSet();
        foreach (var value in new[] { 1f, 2f, 6f })
        {
            using var scope = NewDisposeScope();
            metrics.Add("loss", tensor(value));
            if (value > 1) metrics.Add("grad_norm", tensor(value * 10));
        }
        var means = metrics.ReadMeans();
        Assert.Equal(3.0, means["loss"], 6);
        Assert.Equal(40.0, means["grad_norm"], 6);
        Assert.Equal(["loss", "grad_norm"], means.Keys);
        Assert.Empty(metrics.ReadMeans());
    }

    [Fact]
    public void A_pooled_window_survives_a_checkpoint_and_a_difference_needs_both_sides()
    {
        using var metrics = new MetricSet();
        metrics.Add(new PooledMean("rewards/chosen", tensor(3f), tensor(2f)));
        metrics.Add(new PooledMean("rewards/rejected", tensor(0f), tensor(0f)));
        metrics.Add(new MeanDifference("rewards/margins", "rewards/chosen", "rewards/rejected"));
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) metrics.Save(writer);

        using var resumed = new MetricSet();
        stream.Position = 0;
        using (var reader = new BinaryReader(stream)) resumed.Load(reader, CPU);
        resumed.Add(new PooledMean("rewards/chosen", tensor(1f), tensor(2f)));
        resumed.Add(new PooledMean("rewards/rejected", tensor(-2f), tensor(1f)));
        resumed.Add(new MeanDifference("rewards/margins", "rewards/chosen", "rewards/rejected"));
        var means = resumed.ReadMeans();

        Assert.Equal(1.0, means["rewards/chosen"], 6);     // (3 + 1) / (2 + 2)
        Assert.Equal(-2.0, means["rewards/rejected"], 6);
        Assert.Equal(3.0, means["rewards/margins"], 6);
        Assert.Empty(resumed.ReadMeans());
    }
}
