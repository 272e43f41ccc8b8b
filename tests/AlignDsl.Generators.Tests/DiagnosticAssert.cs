using AlignDsl.Testing;
using Microsoft.CodeAnalysis;

namespace AlignDsl.Generators.Tests;

/// <summary>Assertions on what the generator reported and which experiments it generated.</summary>
internal static class DiagnosticAssert
{
    /// <summary>
    /// Runs the generator on <paramref name="source"/> (one file, <c>Source0.cs</c>) and asserts it reported exactly one
    /// <paramref name="id"/> of <paramref name="severity"/> at each (anchor, target) span, and nothing else but infos of
    /// other ids (such as ALIGN068, which notes a pretrained folder's config.json is not an AdditionalFile).
    /// </summary>
    public static GeneratorRun Reported(string source, string id, DiagnosticSeverity severity, params (string Anchor, string Target)[] at)
    {
        var run = Generate.Run(source);
        Assert.Null(run.GeneratorException);
        var expected = at.Select(a => $"{id} {severity} at {SourceSpan.Describe("Source0.cs", SourceSpan.Of(source, a.Anchor, a.Target))}").Order();
        var actual = run.GeneratorDiagnostics.Where(d => d.Id == id || d.Severity != DiagnosticSeverity.Info)
            .Select(d => $"{d.Id} {d.Severity} at {SourceSpan.Describe(d.Location)}").Order();
        Assert.Equal(expected, actual);
        foreach (var diagnostic in run.GeneratorDiagnostics) AssertSpansAgree(run, diagnostic);
        return run;
    }

    /// <summary>The class got its file and its registry entry.</summary>
    public static void Generated(GeneratorRun run, string ns, string className)
    {
        Assert.Contains(run.Files, f => f.HintName == $"{ns}.{className}.g.cs");
        Assert.Contains($"global::{ns}.{className}.Descriptor", Registry(run));
    }

    /// <summary>The class got neither a file nor a registry entry.</summary>
    public static void NotGenerated(GeneratorRun run, string ns, string className)
    {
        Assert.DoesNotContain(run.Files, f => f.HintName == $"{ns}.{className}.g.cs");
        Assert.DoesNotContain($".{className}.Descriptor", Registry(run));
    }

    private static string Registry(GeneratorRun run) =>
        run.Files.SingleOrDefault(f => f.HintName == "GeneratedExperiments.g.cs")?.Text ?? "";

    /// <summary>The character span and the line span of a location describe the same text.</summary>
    private static void AssertSpansAgree(GeneratorRun run, Diagnostic diagnostic)
    {
        var lineSpan = diagnostic.Location.GetLineSpan();
        var tree = run.InputCompilation.SyntaxTrees.Single(t => t.FilePath == lineSpan.Path);
        Assert.Equal(lineSpan.Span, tree.GetText().Lines.GetLinePositionSpan(diagnostic.Location.SourceSpan));
    }
}
