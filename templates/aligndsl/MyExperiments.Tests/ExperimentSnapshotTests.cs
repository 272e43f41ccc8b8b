using AlignDsl.Testing;

namespace MyExperiments.Tests;

/// <summary>
/// Baselines of what the AlignDsl generator makes of ../MyExperiments: one file under Snapshots/ per generated file.
/// When you change an experiment, this fails with a diff of the training loop; accept it with ALIGNDSL_ACCEPT=1.
/// </summary>
public sealed class ExperimentSnapshotTests
{
    [Fact]
    public void Experiments()
    {
        var run = ExperimentSnapshots.FromProject("../MyExperiments");

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        run.Verify();
    }
}
