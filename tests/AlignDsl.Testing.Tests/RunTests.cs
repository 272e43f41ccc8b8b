using Microsoft.CodeAnalysis;

namespace AlignDsl.Testing.Tests;

public sealed class RunTests
{
    [Fact]
    public void Files_are_ordered_by_hint_name_and_the_output_compiles()
    {
        var run = GeneratorSnapshots.Run(new MarkGenerator(), Sources.FooAndZed);

        Assert.Equal(["Foo.g.cs", "MarkAttribute.g.cs", "Zed.g.cs"], run.Files.Select(f => f.HintName));
        Assert.Contains("public const int N = 1;", run.Files[0].Text);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Null(run.GeneratorException);
        Assert.NotEmpty(run.OutputCompilation.GetTypeByMetadataName("Zed")!.GetMembers("N"));
        Assert.Null(run.InputCompilation.GetTypeByMetadataName("MarkAttribute"));
    }

    [Fact]
    public void Generator_diagnostics_are_collected_apart_from_compilation_diagnostics()
    {
        var run = GeneratorSnapshots.Run(new MarkGenerator(), Sources.FooAndBad);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("TEST001", diagnostic.Id);
        Assert.Equal("Source0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void Compilation_errors_of_the_output_are_reported()
    {
        var run = GeneratorSnapshots.Run(new MarkGenerator(), Sources.Foo, "class Broken { int M() => Foo.Missing; }");

        var error = Assert.Single(run.CompilationDiagnostics);
        Assert.Equal("CS0117", error.Id);
        Assert.Equal("Source1.cs", error.Location.GetLineSpan().Path);
    }

    [Fact]
    public void A_throwing_generator_is_captured_and_cannot_be_verified()
    {
        var run = GeneratorSnapshots.Run(new MarkGenerator(throws: true), Sources.Foo);

        Assert.IsType<InvalidOperationException>(run.GeneratorException);
        var thrown = Assert.Throws<InvalidOperationException>(() => run.Verify("Throws", Path.GetTempPath()));
        Assert.Same(run.GeneratorException, thrown.InnerException);
    }

    [Fact]
    public void Steps_are_tracked_so_the_driver_can_be_rerun_for_caching_tests()
    {
        var run = GeneratorSnapshots.Run(new MarkGenerator(), Sources.Foo);

        var rerun = run.Driver.RunGenerators(run.InputCompilation.Clone()).GetRunResult().Results.Single();
        Assert.NotEmpty(rerun.TrackedOutputSteps);
        Assert.All(
            rerun.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Default_references_hold_the_platform_and_the_marker_assemblies_once()
    {
        var references = GeneratorSnapshots.DefaultReferences(typeof(RunTests), typeof(MarkGenerator), typeof(object));
        var paths = references.Select(r => r.Display!).ToArray();

        Assert.Contains(paths, p => Path.GetFileName(p) == "System.Runtime.dll");
        Assert.Contains(typeof(RunTests).Assembly.Location, paths);
        Assert.Equal([], paths.GroupBy(p => p, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));
    }
}
