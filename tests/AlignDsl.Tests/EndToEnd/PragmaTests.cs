using AlignDsl.Generated;

namespace AlignDsl.Tests.EndToEnd;

/// <summary>An ALIGN warning suppressed with #pragma in the user's source is suppressed, and the experiment still generated.</summary>
public sealed class PragmaTests
{
    [Fact]
    public void A_suppressed_warning_leaves_its_experiment_generated()
    {
        var entry = Assert.Single(GeneratedExperiments.All, e => e.Name == "test-pragma-wide-beta");
        Assert.Contains(entry.Descriptor.Hyperparameters, h => h.Name == "Beta" && h.Value == 5);
    }
}
