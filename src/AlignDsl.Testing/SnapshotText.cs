using System.Text.RegularExpressions;

namespace AlignDsl.Testing;

/// <summary>Makes snapshot text comparable: volatile parts scrubbed, line endings and the final newline normalised.</summary>
internal static partial class SnapshotText
{
    /// <summary>The text as it is compared and stored: <c>\n</c> line endings, no BOM, one final newline (none when empty).</summary>
    public static string Normalize(string text)
    {
        var lf = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var body = lf.TrimEnd('\n');
        return body.Length == 0 ? "" : body + "\n";
    }

    /// <summary>Replaces the version argument of every <c>[GeneratedCode("tool", "x.y.z")]</c> with <c>"{version}"</c>.</summary>
    public static string ScrubGeneratorVersion(string text) =>
        GeneratedCodeVersion().Replace(text, "${head}\"{version}\"");

    [GeneratedRegex(@"(?<head>\bGeneratedCode(?:Attribute)?\s*\(\s*""(?:[^""\\]|\\.)*""\s*,\s*)""(?:[^""\\]|\\.)*""")]
    private static partial Regex GeneratedCodeVersion();
}
