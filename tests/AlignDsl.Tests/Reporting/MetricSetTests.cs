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
}
