using AlignDsl.Testing;
using Microsoft.CodeAnalysis;

namespace AlignDsl.Generators.Tests;

/// <summary>The generated code compiles against the real runtime, with no errors and no warnings.</summary>
public sealed class CompilationTests
{
    [Fact]
    public void Test_compilations_reference_the_runtime_that_defines_the_attributes()
    {
        var runtime = typeof(ExperimentAttribute).Assembly.Location;
        Assert.Contains(Generate.References, r => string.Equals(r.Display, runtime, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(Generate.References, r => Path.GetFileName(r.Display) == "AlignDsl.Generators.dll");
    }

    [Fact]
    public void QuickStart_compiles_cleanly()
    {
        var run = Generate.Run(Generate.QuickStart());

        Assert.Equal(["GeneratedExperiments.g.cs", "QuickStart.GymDpo.g.cs", "QuickStart.GymSft.g.cs"], run.Files.Select(f => f.HintName));
        Assert.Empty(run.GeneratorDiagnostics);
        AssertClean(run);
    }

    [Fact]
    public void Jsonl_and_default_declarations_compile_cleanly()
    {
        var run = Generate.Run(Generate.Usings + """
            namespace Mixed;

            [Experiment("jsonl-sft")]
            [Sft]
            [JsonlData("data/sft.jsonl")]
            public partial class JsonlSft;

            [Experiment("jsonl-dpo")]
            [Policy(InitFrom = typeof(JsonlSft))]
            [Dpo]
            [JsonlData("data/pairs.jsonl", HeldOut = "data/heldout.jsonl")]
            [EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal))]
            public partial class JsonlDpo;
            """);

        Assert.Equal(3, run.Files.Count);
        AssertClean(run);
    }

    [Fact]
    public void Declared_threads_and_bucketing_reach_the_generated_code_and_the_defaults_write_nothing()
    {
        var run = Generate.Run(Generate.Usings + """
            namespace Counts;

            [Experiment("one-thread")]
            [Sft]
            [GymData(GymTask.HelpfulHarmless)]
            [Training(Threads = 1, BucketByLength = true)]
            public partial class OneThread;

            [Experiment("chosen")]
            [Sft]
            [GymData(GymTask.HelpfulHarmless)]
            public partial class Chosen;
            """);

        AssertClean(run);
        var declared = run.Files.Single(f => f.HintName == "Counts.OneThread.g.cs").Text;
        Assert.Contains("private const int Threads = 1;", declared);
        Assert.Contains("Training: new(Steps, BatchSize, LearningRate, MaxLength, EvalEvery, LogEvery, Seed) { Threads = Threads },", declared);
        Assert.Contains("train.Batches(batchSize, steps, run.Seed, byLength: true)", declared);
        var chosen = run.Files.Single(f => f.HintName == "Counts.Chosen.g.cs").Text;
        Assert.DoesNotContain("Threads", chosen);
        Assert.Contains("train.Batches(batchSize, steps, run.Seed)", chosen);
    }

    private static void AssertClean(GeneratorRun run)
    {
        Assert.Null(run.GeneratorException);
        var problems = run.OutputCompilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, DiagnosticText.Render(problems));
        Assert.Empty(run.CompilationDiagnostics);
    }
}
