using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AlignDsl.CodeFixes;

/// <summary>ALIGN001: "Make 'X' partial" writes <c>partial</c> right before the <c>class</c> keyword, after any other modifier.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFixProvider)), Shared]
public sealed class MakePartialCodeFixProvider : CodeFixProvider
{
    /// <summary>One key for every class, so Fix All applies them all.</summary>
    public const string EquivalenceKey = DiagnosticIds.ClassNotPartial + ".MakePartial";

    private static readonly FixAllProvider FixAll = new TextFixAllProvider(FindAsync);

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.ClassNotPartial];

    public override FixAllProvider GetFixAllProvider() => FixAll;

    public override Task RegisterCodeFixesAsync(CodeFixContext context) => TextFix.RegisterAsync(context, EquivalenceKey, FindAsync);

    private static async Task<TextFix?> FindAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var name = await DiagnosticTarget.FindTokenAsync(document, diagnostic, cancellationToken).ConfigureAwait(false);
        if (name?.Parent is not ClassDeclarationSyntax declaration || declaration.Identifier != name.Value) return null;

        // `partial` must stand immediately before `class`: after `public`, `static`, `sealed` and the like.
        return new TextFix($"Make '{declaration.Identifier.ValueText}' partial", new TextChange(new TextSpan(declaration.Keyword.SpanStart, 0), "partial "));
    }
}
