extern alias generator;
using AlignDsl.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ExperimentGenerator = generator::AlignDsl.Generators.ExperimentGenerator;

namespace AlignDsl.Generators.Tests;

/// <summary>The same declarations give the same bytes: run after run, and whatever order the files come in.</summary>
public sealed class DeterminismTests
{
    private static readonly string[] Sources =
    [
        .. Generate.QuickStart(),
        Generate.Usings + """
            namespace More;
            [Experiment("a-jsonl")] [Dpo(Beta = 0.05)] [JsonlData("p.jsonl")] public partial class Zed;
            [Experiment("z-bad")] [Sft] public partial class Alpha;
            """,
    ];

    [Fact]
    public void Two_runs_give_byte_identical_files_and_the_same_diagnostics()
    {
        var first = Generate.Run(Sources);
        var second = Generate.Run(Sources);

        Assert.Equal(4, first.Files.Count);
        Assert.Equal(Bytes(first.Files), Bytes(second.Files));
        Assert.Equal(DiagnosticText.Render(first.GeneratorDiagnostics), DiagnosticText.Render(second.GeneratorDiagnostics));
        Assert.NotEmpty(first.GeneratorDiagnostics);
    }

    [Fact]
    public void Reordering_the_files_changes_nothing()
    {
        var run = Generate.Run(Sources);
        var reversed = CSharpCompilation.Create("Reversed", run.InputCompilation.SyntaxTrees.Reverse(), run.InputCompilation.References,
            (CSharpCompilationOptions)run.InputCompilation.Options);

        var result = CSharpGeneratorDriver.Create([new ExperimentGenerator().AsSourceGenerator()], parseOptions: (CSharpParseOptions)reversed.SyntaxTrees.First().Options)
            .RunGenerators(reversed).GetRunResult().Results[0];

        Assert.Equal(Bytes(run.Files), Bytes(result.GeneratedSources.Select(s => new GeneratedFile(s.HintName, s.SourceText.ToString()))));
        Assert.Equal(run.GeneratorDiagnostics.Select(d => d.ToString()), result.Diagnostics.Select(d => d.ToString()));
    }

    /// <summary>Each file as its hint name and the hex of its UTF-8 bytes, in hint-name order.</summary>
    private static string[] Bytes(IEnumerable<GeneratedFile> files) =>
        files.OrderBy(f => f.HintName, StringComparer.Ordinal)
            .Select(f => f.HintName + ": " + Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(f.Text)))
            .ToArray();
}
