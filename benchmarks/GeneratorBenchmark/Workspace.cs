using System.Collections.Immutable;
using AlignDsl;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace GeneratorBenchmark;

/// <summary>
/// The benchmark's project as Roslyn sees it: the declarations parsed once, and an empty compilation whose references
/// (the shared framework, AlignDsl and what AlignDsl references: what a user's project has) are bound once. Each
/// measurement starts from a fresh compilation of the same trees, as the compiler and the IDE make one per build or
/// edit, so no bound attribute is left over from an earlier run.
/// </summary>
internal sealed class Workspace
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    private readonly CSharpCompilation _empty;

    public Workspace(IReadOnlyList<(string File, string Text)> declarations)
    {
        Trees = declarations.Select(d => CSharpSyntaxTree.ParseText(d.Text, ParseOptions, path: d.File)).ToImmutableArray();
        _empty = CSharpCompilation.Create("Bench.Sweep", [], References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        _ = _empty.GetTypeByMetadataName(typeof(ExperimentAttribute).FullName!) ?? throw new InvalidOperationException("AlignDsl is not referenced.");
    }

    public ImmutableArray<SyntaxTree> Trees { get; }

    /// <summary>A new compilation of the declarations: nothing bound yet but the references.</summary>
    public CSharpCompilation Fresh() => _empty.AddSyntaxTrees(Trees);

    /// <summary><paramref name="compilation"/> plus a file that declares no experiment.</summary>
    public static Compilation WithUnrelatedFile(Compilation compilation) =>
        compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated {}", ParseOptions, path: "Unrelated.cs"));

    /// <summary><paramref name="compilation"/> with <see cref="Declarations.BetaBefore"/> replaced in <see cref="Declarations.EditedFile"/>.</summary>
    public static Compilation WithBetaEdited(Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == Declarations.EditedFile);
        var text = tree.ToString();
        var at = text.IndexOf(Declarations.BetaBefore, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(Declarations.BetaBefore, at + 1, StringComparison.Ordinal) >= 0)
            throw new InvalidOperationException($"{Declarations.EditedFile} must hold {Declarations.BetaBefore} exactly once.");
        var edit = new TextChange(new TextSpan(at, Declarations.BetaBefore.Length), Declarations.BetaAfter);
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().WithChanges(edit)));
    }

    private static MetadataReference[] References()
    {
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var runtime = typeof(ExperimentAttribute).Assembly;
        var alignDsl = runtime.GetReferencedAssemblies().Select(a => a.Name + ".dll").Append(Path.GetFileName(runtime.Location))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return trusted
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
                && (Path.GetDirectoryName(path) == framework || alignDsl.Contains(Path.GetFileName(path))))
            .Order(StringComparer.Ordinal)
            .DistinctBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray();
    }
}
