using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AlignDsl.Generators.Tests;

/// <summary>Expected diagnostic locations, found by searching the source text instead of counting lines by hand.</summary>
internal static class SourceSpan
{
    /// <summary>
    /// The span of <paramref name="target"/> inside the only occurrence of <paramref name="anchor"/> in
    /// <paramref name="source"/>: <c>Of(source, "Beta = 0", "0")</c> is the <c>0</c> of <c>Beta = 0</c>.
    /// </summary>
    public static LinePositionSpan Of(string source, string anchor, string? target = null)
    {
        var at = source.IndexOf(anchor, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{anchor}' is not in the source");
        Assert.True(source.IndexOf(anchor, at + 1, StringComparison.Ordinal) < 0, $"'{anchor}' occurs more than once in the source");
        target ??= anchor;
        var offset = anchor.IndexOf(target, StringComparison.Ordinal);
        Assert.True(offset >= 0, $"'{target}' is not in '{anchor}'");
        var text = SourceText.From(source);
        return text.Lines.GetLinePositionSpan(new TextSpan(at + offset, target.Length));
    }

    /// <summary>Where a diagnostic points, as text that reads well in an assertion failure: <c>Source0.cs(5,2)-(5,9)</c>.</summary>
    public static string Describe(string path, LinePositionSpan span) =>
        $"{path}({span.Start.Line + 1},{span.Start.Character + 1})-({span.End.Line + 1},{span.End.Character + 1})";

    public static string Describe(Location location) => Describe(location.GetLineSpan().Path, location.GetLineSpan().Span);
}
