using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AlignDsl.Generators.Model;

/// <summary>A source location as plain values: comparable, and free of syntax trees that would defeat caching.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    /// <summary>A location in the compilation's own syntax tree for the file when there is one, so #pragma directives apply to it.</summary>
    public Location ToLocation(IReadOnlyDictionary<string, SyntaxTree> trees) =>
        trees.TryGetValue(FilePath, out var tree) && Span.End <= tree.Length ? Location.Create(tree, Span) : ToLocation();

    public static LocationInfo? From(Location? location) =>
        location is null || location.SourceTree is null ? null
        : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    public static LocationInfo? From(SyntaxNode? node) => From(node?.GetLocation());
}
