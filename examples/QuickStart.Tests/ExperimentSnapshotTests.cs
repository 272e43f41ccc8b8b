using AlignDsl.Testing;

namespace QuickStart.Tests;

/// <summary>
/// Baselines of what the AlignDsl generator makes of the QuickStart experiments: one verified file per generated file
/// under Snapshots/, and one of the diagnostics of a declaration the rulebook rejects.
/// </summary>
public sealed class ExperimentSnapshotTests
{
    /// <summary>Every experiment of ../QuickStart (this file's folder is the base of the relative path), plus the registry.</summary>
    [Fact]
    public void QuickStart()
    {
        var run = ExperimentSnapshots.FromProject("../QuickStart");

        // The sweeps go outside the typical ranges of β on purpose, and say so with #pragma warning disable ALIGN012 (which the
        // build honours; the generator's own list keeps them): those warnings, at those values, are the only diagnostics.
        Assert.All(run.GeneratorDiagnostics, d => Assert.Equal("ALIGN012", d.Id));
        Assert.All(run.GeneratorDiagnostics, d => Assert.EndsWith("Sweep.cs", d.Location.GetLineSpan().Path));
        Assert.Empty(run.CompilationDiagnostics);
        run.Verify();
    }

    /// <summary>
    /// DPO with a zero β: the generator emits no training loop for it and reports why; the report is the snapshot
    /// (ExperimentSnapshotTests.ZeroBeta.diagnostics.verified.txt).
    /// </summary>
    [Fact]
    public void ZeroBeta() => ExperimentSnapshots.FromSources("""
        using AlignDsl;
        using AlignDsl.Data;

        namespace Mistakes;

        [Experiment("zero-beta")]
        [Dpo(Beta = 0)]
        [GymData(GymTask.HelpfulHarmless)]
        public partial class ZeroBeta;
        """).Verify();
}
