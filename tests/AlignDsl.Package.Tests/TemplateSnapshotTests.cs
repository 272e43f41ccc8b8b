using AlignDsl.Testing;

namespace AlignDsl.Package.Tests;

/// <summary>
/// The template ships the snapshots its own test compares with; they must be what this generator writes for the
/// template's experiments, or a new project's first `dotnet test` fails. Regenerate with ALIGNDSL_ACCEPT=1.
/// </summary>
public sealed class TemplateSnapshotTests
{
    [Fact]
    public void The_template_ships_the_snapshots_of_its_generated_code()
    {
        var run = ExperimentSnapshots.FromProject(Repository.Path("templates/aligndsl/MyExperiments"));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Equal(["GeneratedExperiments.g.cs", "MyExperiments.GymDpo.g.cs", "MyExperiments.GymSft.g.cs"], run.Files.Select(f => f.HintName));
        // The name the template's ExperimentSnapshotTests.Experiments looks for, in its Snapshots folder.
        run.Verify("ExperimentSnapshotTests.Experiments", Repository.Path("templates/aligndsl/MyExperiments.Tests/Snapshots"));
    }
}
