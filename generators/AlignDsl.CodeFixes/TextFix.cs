using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace AlignDsl.CodeFixes;

/// <summary>
/// One fix for one diagnostic: a titled text change. The fixes edit text, not trees: each inserts or deletes a few
/// characters found from the syntax, so everything around them (trivia, comments, layout) stays as the user wrote it.
/// </summary>
internal readonly record struct TextFix(string Title, TextChange Change)
{
    /// <summary>Finds the fix for one diagnostic in one document, or <see langword="null"/> where there is none.</summary>
    public delegate Task<TextFix?> Finder(Document document, Diagnostic diagnostic, CancellationToken cancellationToken);

    /// <summary>Offers the fix for each diagnostic of <paramref name="context"/> that has one.</summary>
    public static async Task RegisterAsync(CodeFixContext context, string equivalenceKey, Finder find)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (await find(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is not { } fix) continue;
            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(fix.Title, async ct => document.WithText((await document.GetTextAsync(ct).ConfigureAwait(false)).WithChanges(fix.Change)), equivalenceKey),
                diagnostic);
        }
    }
}

/// <summary>
/// Fix All for <see cref="TextFix"/>es: every fix of a document applied at once, in text order, overlaps skipped.
/// Not <see cref="WellKnownFixAllProviders.BatchFixer"/>: it drops every diagnostic whose location is not in a syntax tree,
/// and the generator's are file locations (path and span). This base class maps those to documents by path.
/// </summary>
internal sealed class TextFixAllProvider(TextFix.Finder find) : DocumentBasedFixAllProvider
{
    protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var changes = new List<TextChange>();
        foreach (var diagnostic in diagnostics)
            if (await find(document, diagnostic, fixAllContext.CancellationToken).ConfigureAwait(false) is { } fix)
                changes.Add(fix.Change);
        if (changes.Count == 0) return null;

        var ordered = new List<TextChange>();
        foreach (var change in changes.OrderBy(c => c.Span.Start).ThenBy(c => c.Span.End))
            if (ordered.Count == 0 || ordered[^1].Span.End <= change.Span.Start && ordered[^1].Span != change.Span)
                ordered.Add(change);
        var text = await document.GetTextAsync(fixAllContext.CancellationToken).ConfigureAwait(false);
        return document.WithText(text.WithChanges(ordered));
    }
}
