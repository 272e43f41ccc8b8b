using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AlignDsl.Testing;

/// <summary>Runs an incremental generator over C# sources so that its output can be verified.</summary>
public static class GeneratorSnapshots
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> PlatformReferences = new(LoadPlatformReferences);

    /// <summary>
    /// Runs <paramref name="generator"/> over <paramref name="sources"/> (named <c>Source0.cs</c>, <c>Source1.cs</c>, …)
    /// parsed as C# preview, in a nullable-enabled library compilation.
    /// </summary>
    /// <param name="generator">The generator under test.</param>
    /// <param name="sources">The C# sources of the user's project.</param>
    /// <param name="references">
    /// The metadata references of the compilation; by default those of <see cref="DefaultReferences"/> with no marker types.
    /// </param>
    /// <returns>The generated files, the diagnostics and the compilation after generation.</returns>
    public static GeneratorRun Run(IIncrementalGenerator generator, IEnumerable<string> sources, IEnumerable<MetadataReference>? references = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(sources);
        return Run(generator, sources.Select((text, i) => new SourceFile($"Source{i}.cs", text)), references ?? DefaultReferences(), allowTopLevelStatements: false);
    }

    /// <summary>
    /// Runs <paramref name="generator"/> over sources with the given paths (the paths diagnostics show). The compilation
    /// is a library, or a console application when <paramref name="allowTopLevelStatements"/> and a source has top-level
    /// statements (a <c>Program.cs</c> of an experiments project).
    /// </summary>
    internal static GeneratorRun Run(
        IIncrementalGenerator generator, IEnumerable<SourceFile> sources, IEnumerable<MetadataReference> references, bool allowTopLevelStatements)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = sources.Select(source => CSharpSyntaxTree.ParseText(source.Text, parseOptions, path: source.Path)).ToArray();
        var executable = allowTopLevelStatements
            && trees.Any(tree => tree.GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any());
        var compilation = CSharpCompilation.Create(
            "AlignDsl.Testing.Snapshot",
            trees,
            references,
            new CSharpCompilationOptions(
                executable ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable));

        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { generator.AsSourceGenerator() },
            parseOptions: parseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var outputCompilation, out _);
        return new GeneratorRun(driver, compilation, outputCompilation);
    }

    /// <summary>Runs <paramref name="generator"/> over <paramref name="sources"/> with the default references.</summary>
    /// <param name="generator">The generator under test.</param>
    /// <param name="sources">The C# sources of the user's project.</param>
    /// <returns>The generated files, the diagnostics and the compilation after generation.</returns>
    public static GeneratorRun Run(IIncrementalGenerator generator, params string[] sources) =>
        Run(generator, (IEnumerable<string>)sources);

    /// <summary>
    /// The references of the trusted platform assemblies loaded in this process, plus the assemblies that
    /// define <paramref name="markerTypes"/> (for example the assembly holding the attributes the generator reads).
    /// </summary>
    /// <param name="markerTypes">Types whose assemblies the compilation must also reference.</param>
    /// <returns>The references, one per assembly file name.</returns>
    public static IReadOnlyList<MetadataReference> DefaultReferences(params Type[] markerTypes)
    {
        ArgumentNullException.ThrowIfNull(markerTypes);
        var platform = PlatformReferences.Value;
        var known = platform.Select(r => Path.GetFileName(r.Display)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var extra = markerTypes
            .Select(t => t.Assembly.Location)
            .Where(path => path.Length > 0 && known.Add(Path.GetFileName(path)))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
        return platform.AddRange(extra);
    }

    private static ImmutableArray<MetadataReference> LoadPlatformReferences()
    {
        var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        return list
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .DistinctBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
