using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AlignDsl.CodeFixes;

/// <summary>
/// ALIGN023: "Remove the needless reference" deletes the <c>Reference</c> attribute: its whole attribute list when it
/// stands alone there (with its line, when the list had the line to itself), else the attribute and one separating comma.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveReferenceCodeFixProvider)), Shared]
public sealed class RemoveReferenceCodeFixProvider : CodeFixProvider
{
    public const string EquivalenceKey = DiagnosticIds.ReferenceForReferenceFreeObjective + ".RemoveReference";

    private static readonly FixAllProvider FixAll = new TextFixAllProvider(FindAsync);

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.ReferenceForReferenceFreeObjective];

    public override FixAllProvider GetFixAllProvider() => FixAll;

    public override Task RegisterCodeFixesAsync(CodeFixContext context) => TextFix.RegisterAsync(context, EquivalenceKey, FindAsync);

    private static async Task<TextFix?> FindAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var reference = await DiagnosticTarget.FindAsync<AttributeSyntax>(document, diagnostic, cancellationToken).ConfigureAwait(false);
        if (reference?.Parent is not AttributeListSyntax list) return null;
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var span = list.Attributes.Count == 1 ? WholeList(text, list.Span) : OneAttribute(list, reference);
        return new TextFix("Remove the needless reference", new TextChange(span, ""));
    }

    /// <summary>
    /// <c>[Reference]</c> with its line when nothing else is on it; else with the blanks after it (or, when it ends the
    /// line, the blanks before it), so the attributes around it keep one space between them.
    /// </summary>
    private static TextSpan WholeList(SourceText text, TextSpan list)
    {
        var first = text.Lines.GetLineFromPosition(list.Start);
        var last = text.Lines.GetLineFromPosition(list.End);
        var before = Blanks(text, first.Start, list.Start);
        var after = Blanks(text, list.End, last.End);
        if (before == list.Start - first.Start && after == last.End - list.End)
            return TextSpan.FromBounds(first.Start, last.EndIncludingLineBreak);
        if (after == last.End - list.End)
            return TextSpan.FromBounds(list.Start - TrailingBlanks(text, first.Start, list.Start), last.End);
        return TextSpan.FromBounds(list.Start, list.End + after);
    }

    /// <summary><c>Reference</c> with the comma before it, or, when it comes first, with the comma and blanks after it.</summary>
    private static TextSpan OneAttribute(AttributeListSyntax list, AttributeSyntax reference)
    {
        var index = list.Attributes.IndexOf(reference);
        return index > 0
            ? TextSpan.FromBounds(list.Attributes.GetSeparator(index - 1).SpanStart, reference.Span.End)
            : TextSpan.FromBounds(reference.SpanStart, list.Attributes[1].SpanStart);
    }

    /// <summary>How many spaces and tabs follow <paramref name="start"/>, up to <paramref name="end"/>.</summary>
    private static int Blanks(SourceText text, int start, int end)
    {
        var i = start;
        while (i < end && text[i] is ' ' or '\t') i++;
        return i - start;
    }

    /// <summary>How many spaces and tabs precede <paramref name="end"/>, back to <paramref name="start"/>.</summary>
    private static int TrailingBlanks(SourceText text, int start, int end)
    {
        var i = end;
        while (i > start && text[i - 1] is ' ' or '\t') i--;
        return end - i;
    }
}
