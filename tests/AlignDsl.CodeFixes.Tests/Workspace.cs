extern alias generator;
using System.Collections.Immutable;
using AlignDsl.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using ExperimentGenerator = generator::AlignDsl.Generators.ExperimentGenerator;

namespace AlignDsl.CodeFixes.Tests;

/// <summary>
/// A one-document project in an <see cref="AdhocWorkspace"/>, as the IDE would hold it: the generator runs on the
/// project's compilation for its diagnostics, and a fix is applied the way the light bulb applies it.
/// </summary>
internal static class Workspace
{
    public const string FilePath = "/project/Experiments.cs";

    /// <summary>The usual header of a declaration file.</summary>
    public const string Usings = """
        using AlignDsl;
        using AlignDsl.Data;
        using AlignDsl.Evaluation;

        """;

    /// <summary>The platform and the runtime, without the generator's assembly (a user's project gets it as an analyzer).</summary>
    private static IReadOnlyList<MetadataReference> References { get; } =
        GeneratorSnapshots.DefaultReferences(typeof(ExperimentAttribute))
            .Where(r => !string.Equals(r.Display, typeof(ExperimentGenerator).Assembly.Location, StringComparison.OrdinalIgnoreCase))
            .ToArray();

    public static Document Document(string source)
    {
        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Default, "Experiments", "Experiments", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Preview),
            metadataReferences: References));
        return workspace.AddDocument(DocumentInfo.Create(DocumentId.CreateNewId(project.Id), "Experiments.cs",
            loader: TextLoader.From(TextAndVersion.Create(Microsoft.CodeAnalysis.Text.SourceText.From(source), VersionStamp.Default, FilePath)),
            filePath: FilePath));
    }

    /// <summary>What the generator reports for the document's project.</summary>
    public static async Task<ImmutableArray<Diagnostic>> GeneratorDiagnosticsAsync(Document document)
    {
        var compilation = await document.Project.GetCompilationAsync();
        Assert.NotNull(compilation);
        var result = CSharpGeneratorDriver.Create(new ExperimentGenerator())
            .RunGenerators(compilation).GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        return result.Diagnostics;
    }

    /// <summary>Applies the one fix <paramref name="provider"/> offers for the one <paramref name="id"/> diagnostic; returns the new text.</summary>
    public static async Task<string> FixOneAsync(CodeFixProvider provider, string source, string id, string title)
    {
        var document = Document(source);
        var diagnostic = Assert.Single(await GeneratorDiagnosticsAsync(document), d => d.Id == id);
        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        var action = Assert.Single(actions);
        Assert.Equal(title, action.Title);
        return await ApplyAsync(document, action);
    }

    /// <summary>Fixes every <paramref name="id"/> diagnostic in <paramref name="scope"/> at once with the provider's Fix All.</summary>
    public static async Task<string> FixAllAsync(CodeFixProvider provider, string source, string id, string equivalenceKey, FixAllScope scope)
    {
        var document = Document(source);
        var diagnostics = (await GeneratorDiagnosticsAsync(document)).Where(d => d.Id == id).ToImmutableArray();
        var fixAll = provider.GetFixAllProvider();
        Assert.NotNull(fixAll);
        Assert.Contains(scope, fixAll.GetSupportedFixAllScopes());
        var context = new FixAllContext(document, provider, scope, equivalenceKey, [id],
            new FixedDiagnostics(document, diagnostics), CancellationToken.None);
        var action = await fixAll.GetFixAsync(context);
        Assert.NotNull(action);
        return await ApplyAsync(document, action);
    }

    /// <summary>The document's text after the action's edit.</summary>
    private static async Task<string> ApplyAsync(Document document, CodeAction action)
    {
        var operation = Assert.Single((await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>());
        var changed = operation.ChangedSolution.GetDocument(document.Id);
        Assert.NotNull(changed);
        return (await changed.GetTextAsync()).ToString();
    }

    /// <summary>Hands Fix All the generator's diagnostics of the one document, as the IDE's diagnostic service would.</summary>
    private sealed class FixedDiagnostics(Document document, ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document doc, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(doc.Id == document.Id ? diagnostics : []);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>([]);

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(project.Id == document.Project.Id ? diagnostics : []);
    }
}
