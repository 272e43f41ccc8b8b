namespace AlignDsl.Testing.Tests;

/// <summary>Checks the committed files under Snapshots/, the way a user's test would.</summary>
[Collection(SnapshotFilesCollection.Name)]
public sealed class CommittedSnapshotTests
{
    [Fact]
    public void Foo_and_Bad()
    {
        var run = GeneratorSnapshots.Run(new MarkGenerator(version: "0.1.0"), Sources.FooAndBad);

        Assert.Empty(run.CompilationDiagnostics);
        run.Verify();
    }
}
