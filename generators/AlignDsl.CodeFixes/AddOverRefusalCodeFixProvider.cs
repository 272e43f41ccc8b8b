using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AlignDsl.CodeFixes;

/// <summary>
/// ALIGN013: "Add the OverRefusal suite" writes <c>, EvalSuite(typeof(OverRefusal))</c> right after the RedTeam suite,
/// in the same attribute list. The attribute is named as the RedTeam one is (<c>EvalSuite</c>, <c>AlignDsl.EvalSuite</c>…);
/// the suite by its simple name where that name means <c>AlignDsl.Evaluation.OverRefusal</c> there (the file imports
/// <c>AlignDsl.Evaluation</c>), else as <c>global::AlignDsl.Evaluation.OverRefusal</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddOverRefusalCodeFixProvider)), Shared]
public sealed class AddOverRefusalCodeFixProvider : CodeFixProvider
{
    public const string EquivalenceKey = DiagnosticIds.RedTeamWithoutOverRefusal + ".AddOverRefusal";
    private const string OverRefusal = "AlignDsl.Evaluation.OverRefusal";

    private static readonly FixAllProvider FixAll = new TextFixAllProvider(FindAsync);

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.RedTeamWithoutOverRefusal];

    public override FixAllProvider GetFixAllProvider() => FixAll;

    public override Task RegisterCodeFixesAsync(CodeFixContext context) => TextFix.RegisterAsync(context, EquivalenceKey, FindAsync);

    private static async Task<TextFix?> FindAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var redTeam = await DiagnosticTarget.FindAsync<AttributeSyntax>(document, diagnostic, cancellationToken).ConfigureAwait(false);
        if (redTeam is null) return null;
        var suite = await SuiteNameAsync(document, redTeam.SpanStart, cancellationToken).ConfigureAwait(false);
        return new TextFix("Add the OverRefusal suite", new TextChange(new TextSpan(redTeam.Span.End, 0), $", {redTeam.Name}(typeof({suite}))"));
    }

    /// <summary><c>OverRefusal</c> if that name binds to the suite at <paramref name="position"/>, else <c>global::AlignDsl.Evaluation.OverRefusal</c>.</summary>
    private static async Task<string> SuiteNameAsync(Document document, int position, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var bound = model?.GetSpeculativeSymbolInfo(position, SyntaxFactory.IdentifierName("OverRefusal"), SpeculativeBindingOption.BindAsTypeOrNamespace).Symbol;
        return bound is INamedTypeSymbol type && type.ToDisplayString() == OverRefusal ? "OverRefusal" : "global::" + OverRefusal;
    }
}
