using Microsoft.CodeAnalysis;

namespace AlignDsl.Testing.Tests;

public sealed class ExperimentSnapshotsTests
{
    private const string Usings = """
        using AlignDsl;
        using AlignDsl.Data;

        """;

    private const string SftA = Usings + """
        namespace Lab;

        [Experiment("a")]
        [Sft]
        [GymData(GymTask.HelpfulHarmless)]
        public partial class A;
        """;

    private const string DpoB = Usings + """
        namespace Lab;

        [Experiment("b")]
        [Policy(InitFrom = typeof(A))]
        [Dpo(Beta = 0.1)]
        [GymData(GymTask.HelpfulHarmless)]
        public partial class B;
        """;

    /// <summary>Declares C, so that a copy of it anywhere it should not be read shows up as a generated file.</summary>
    private const string SftC = Usings + """
        namespace Lab;

        [Experiment("c")]
        [Sft]
        [GymData(GymTask.HelpfulHarmless)]
        public partial class C;
        """;

    [Fact]
    public void FromSources_generates_one_file_per_experiment_and_the_registry()
    {
        var run = ExperimentSnapshots.FromSources(SftA, DpoB);

        Assert.Equal(["GeneratedExperiments.g.cs", "Lab.A.g.cs", "Lab.B.g.cs"], run.Files.Select(f => f.HintName));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Equal(["Source0.cs", "Source1.cs"], run.InputCompilation.SyntaxTrees.Select(t => t.FilePath));
    }

    [Fact]
    public void FromSources_reports_a_rejected_declaration_at_its_source_and_emits_nothing_for_it()
    {
        var run = ExperimentSnapshots.FromSources(DpoB.Replace("Beta = 0.1", "Beta = 0", StringComparison.Ordinal), SftA);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("ALIGN004", diagnostic.Id);
        Assert.Equal("Source0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.DoesNotContain("Lab.B.g.cs", run.Files.Select(f => f.HintName));
    }

    [Fact]
    public void FromProject_reads_every_cs_file_but_those_under_bin_and_obj()
    {
        using var dir = new TempDirectory();
        Write(dir, "Experiments/A.cs", SftA);
        Write(dir, "Experiments/More/B.cs", DpoB);
        Write(dir, "Program.cs", "System.Console.WriteLine(Lab.A.Descriptor.Name);");
        Write(dir, "bin/Debug/net10.0/C.cs", SftC);
        Write(dir, "obj/Debug/net10.0/C.cs", SftC);
        Write(dir, "Experiments/obj/C.cs", SftC);
        Write(dir, "Experiments/A.cs.txt", SftC);

        var run = ExperimentSnapshots.FromProject(dir.Path);

        Assert.Equal(["Experiments/A.cs", "Experiments/More/B.cs", "Program.cs"], run.InputCompilation.SyntaxTrees.Select(t => t.FilePath));
        Assert.Equal(["GeneratedExperiments.g.cs", "Lab.A.g.cs", "Lab.B.g.cs"], run.Files.Select(f => f.HintName));
        // Top-level statements make the compilation an application, so a project's Program.cs compiles too.
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Equal(OutputKind.ConsoleApplication, run.InputCompilation.Options.OutputKind);
    }

    [Fact]
    public void FromProject_reports_diagnostics_at_the_path_relative_to_the_project_with_the_source_line()
    {
        using var dir = new TempDirectory();
        Write(dir, "Experiments/B.cs", DpoB.Replace("Beta = 0.1", "Beta = -1", StringComparison.Ordinal));
        Write(dir, "Experiments/A.cs", SftA);

        var run = ExperimentSnapshots.FromProject(dir.Path);

        var text = DiagnosticText.Render(run.GeneratorDiagnostics, run.InputCompilation.SyntaxTrees);
        Assert.StartsWith("ALIGN004 error: Beta must be greater than 0 (got -1)", text, StringComparison.Ordinal);
        Assert.EndsWith("\n  at Experiments/B.cs:7:13\n  7 | [Dpo(Beta = -1)]\n    |             ^^\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FromProject_rejects_a_missing_folder_and_one_without_sources()
    {
        using var dir = new TempDirectory();
        Write(dir, "bin/C.cs", SftC);

        Assert.Throws<DirectoryNotFoundException>(() => ExperimentSnapshots.FromProject(Path.Combine(dir.Path, "missing")));
        var error = Assert.Throws<ArgumentException>(() => ExperimentSnapshots.FromProject(dir.Path));
        Assert.Equal("projectDirectory", error.ParamName);
    }

    /// <summary>The tests run in bin/Debug/net10.0; the paths below only resolve from this file's folder.</summary>
    [Fact]
    public void Relative_paths_are_taken_from_the_calling_source_file()
    {
        var project = ExperimentSnapshots.FromProject("../../examples/QuickStart");
        var files = ExperimentSnapshots.FromSourceFiles(["../../examples/QuickStart/Experiments/GymSft.cs", "../../examples/QuickStart/Experiments/GymDpo.cs"]);

        Assert.Contains("Experiments/GymSft.cs", project.InputCompilation.SyntaxTrees.Select(t => t.FilePath));
        Assert.Contains("QuickStart.GymDpo.g.cs", project.Files.Select(f => f.HintName));
        Assert.Equal(
            ["../../examples/QuickStart/Experiments/GymSft.cs", "../../examples/QuickStart/Experiments/GymDpo.cs"],
            files.InputCompilation.SyntaxTrees.Select(t => t.FilePath));
        Assert.Equal(["GeneratedExperiments.g.cs", "QuickStart.GymDpo.g.cs", "QuickStart.GymSft.g.cs"], files.Files.Select(f => f.HintName));
    }

    [Fact]
    public void Relative_paths_follow_the_caller_file_and_rooted_paths_stay_as_they_are()
    {
        using var dir = new TempDirectory();
        Write(dir, "Experiments/A.cs", SftA);
        Write(dir, "Experiments/B.cs", DpoB);
        var caller = Path.Combine(dir.Path, "Tests", "LabTests.cs");

        var project = ExperimentSnapshots.FromProject("../Experiments", callerFile: caller);
        var files = ExperimentSnapshots.FromSourceFiles(["../Experiments/B.cs", Path.Combine(dir.Path, "Experiments", "A.cs")], callerFile: caller);

        Assert.Equal(["A.cs", "B.cs"], project.InputCompilation.SyntaxTrees.Select(t => t.FilePath));
        Assert.Equal(["../Experiments/B.cs", "../Experiments/A.cs"], files.InputCompilation.SyntaxTrees.Select(t => t.FilePath));
        Assert.Equal(["GeneratedExperiments.g.cs", "Lab.A.g.cs", "Lab.B.g.cs"], files.Files.Select(f => f.HintName));
        Assert.Throws<FileNotFoundException>(() => ExperimentSnapshots.FromSourceFiles(["../Experiments/Missing.cs"], callerFile: caller));
    }

    [Fact]
    public void References_hold_the_runtime_but_not_the_generator()
    {
        var files = ExperimentSnapshots.References.Select(r => Path.GetFileName(r.Display)).ToArray();

        Assert.Contains("AlignDsl.dll", files);
        Assert.Contains("System.Runtime.dll", files);
        Assert.DoesNotContain("AlignDsl.Generators.dll", files);
    }

    private static void Write(TempDirectory dir, string relativePath, string text)
    {
        var path = Path.Combine(dir.Path, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
