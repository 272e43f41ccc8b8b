using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AlignDsl.CodeFixes;

/// <summary>
/// Finds the syntax a generator diagnostic points at. The generator keeps its locations as plain values and reports
/// them as file locations (a path and a span), not as locations in a syntax tree, so the fix matches the document by
/// its path and the syntax by the exact span, and declines when either no longer matches (an edited, stale document).
/// </summary>
internal static class DiagnosticTarget
{
    /// <summary>The node of type <typeparamref name="T"/> whose span is exactly the diagnostic's, or <see langword="null"/>.</summary>
    public static async Task<T?> FindAsync<T>(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        where T : SyntaxNode
    {
        if (await RootAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is not var (root, span)) return null;
        return root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<T>() is { } node && node.Span == span ? node : null;
    }

    /// <summary>The token whose span is exactly the diagnostic's (such as a class name), or <see langword="null"/>.</summary>
    public static async Task<SyntaxToken?> FindTokenAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (await RootAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is not var (root, span)) return null;
        var token = root.FindToken(span.Start);
        return token.Span == span ? token : null;
    }

    /// <summary>The document's root and the diagnostic's span in it, when the diagnostic is about this document.</summary>
    private static async Task<(SyntaxNode Root, TextSpan Span)?> RootAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var location = diagnostic.Location;
        var path = location.Kind switch
        {
            LocationKind.SourceFile => location.SourceTree?.FilePath,
            LocationKind.ExternalFile => location.GetLineSpan().Path,
            _ => null,
        };
        if (path is null || !string.Equals(path, document.FilePath, StringComparison.Ordinal)) return null;
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is not null && location.SourceSpan.End <= root.FullSpan.End ? (root, location.SourceSpan) : null;
    }
}
