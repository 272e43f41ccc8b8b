using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;

namespace AlignDsl.Testing;

/// <summary>Renders diagnostics as stable, readable text for snapshots and assertion messages.</summary>
public static class DiagnosticText
{
    /// <summary>
    /// Renders one block per diagnostic, ordered by file, then position, then id:
    /// <code>
    /// TEST001 error: Class 'Bad' must not be marked
    ///   at Source0.cs:5:15
    ///   5 | partial class Bad { }
    ///     |               ^^^
    /// </code>
    /// Blocks are separated by an empty line; line and column are 1-based.
    /// </summary>
    /// <param name="diagnostics">The diagnostics to render.</param>
    /// <returns>The text, ending with a newline; empty when there are no diagnostics.</returns>
    public static string Render(IEnumerable<Diagnostic> diagnostics) => Render(diagnostics, []);

    /// <summary>
    /// Renders like <see cref="Render(IEnumerable{Diagnostic})"/>, taking the source line of a diagnostic whose location
    /// names a file but holds no syntax tree (a generator that keeps locations as values and reports
    /// <c>Location.Create(path, span, lineSpan)</c>) from the tree of <paramref name="sources"/> with that path.
    /// </summary>
    /// <param name="diagnostics">The diagnostics to render.</param>
    /// <param name="sources">The syntax trees of the compilation, for example <c>run.InputCompilation.SyntaxTrees</c>.</param>
    /// <returns>The text, ending with a newline; empty when there are no diagnostics.</returns>
    public static string Render(IEnumerable<Diagnostic> diagnostics, IEnumerable<SyntaxTree> sources)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        ArgumentNullException.ThrowIfNull(sources);
        var trees = sources
            .GroupBy(tree => tree.FilePath, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
        var ordered = diagnostics
            .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Location.SourceSpan.End)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ThenBy(d => d.GetMessage(CultureInfo.InvariantCulture), StringComparer.Ordinal);

        var text = new StringBuilder();
        foreach (var diagnostic in ordered)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            AppendBlock(text, diagnostic, trees);
        }

        return text.ToString();
    }

    private static void AppendBlock(StringBuilder text, Diagnostic diagnostic, IReadOnlyDictionary<string, SyntaxTree> trees)
    {
        var severity = diagnostic.Severity.ToString().ToLowerInvariant();
        text.Append($"{diagnostic.Id} {severity}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}\n");

        var location = diagnostic.Location;
        if (location == Location.None)
        {
            text.Append("  at (no location)\n");
            return;
        }

        var span = location.GetLineSpan();
        var line = span.StartLinePosition.Line;
        var column = span.StartLinePosition.Character;
        text.Append($"  at {span.Path}:{line + 1}:{column + 1}\n");
        var tree = location.SourceTree ?? trees.GetValueOrDefault(span.Path);
        if (tree?.GetText() is not { } source || line >= source.Lines.Count)
        {
            return;
        }

        var sourceLine = source.Lines[line].ToString();
        var width = span.EndLinePosition.Line == line
            ? span.EndLinePosition.Character - column
            : sourceLine.Length - column;
        var number = (line + 1).ToString(CultureInfo.InvariantCulture);
        var gutter = new string(' ', number.Length);
        // Tabs before the column stay tabs, so the underline lines up in any tab width.
        var indent = new string(sourceLine.Take(column).Select(c => c == '\t' ? '\t' : ' ').ToArray());
        text.Append($"  {number} | {sourceLine}\n");
        text.Append($"  {gutter} | {indent}{new string('^', Math.Max(1, width))}\n");
    }
}
