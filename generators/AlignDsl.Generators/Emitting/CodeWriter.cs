using System.Globalization;
using System.Text;

namespace AlignDsl.Generators.Emitting;

/// <summary>An indenting text writer: generated code is written as text, line by line, the way a person would.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0) _text.Append(' ', _indent * 4).Append(line);
        _text.Append('\n');
        return this;
    }

    /// <summary>Writes each line at the current indentation (a comment too long for one line).</summary>
    public CodeWriter Lines(IEnumerable<string> lines)
    {
        foreach (var line in lines) Line(line);
        return this;
    }

    public CodeWriter OpenBrace()
    {
        Line("{");
        _indent++;
        return this;
    }

    public CodeWriter CloseBrace(string suffix = "")
    {
        _indent--;
        return Line("}" + suffix);
    }

    public CodeWriter Indent() { _indent++; return this; }
    public CodeWriter Outdent() { _indent--; return this; }

    public override string ToString() => _text.ToString();

    /// <summary>
    /// A C# double literal that round-trips: 0.1 → "0.1", 1 → "1.0", 3E-05 → "3E-05"; NaN and the infinities
    /// (which "R" formats as words, not literals) become <c>double.NaN</c> and <c>double.PositiveInfinity</c>.
    /// </summary>
    public static string Literal(double value)
    {
        if (double.IsNaN(value)) return "double.NaN";
        if (double.IsInfinity(value)) return value > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.IndexOfAny(['.', 'E', 'e']) >= 0 ? text : text + ".0";
    }

    public static string Literal(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Literal(string? value) => value is null ? "null" : "@\"" + value.Replace("\"", "\"\"") + "\"";

    /// <summary>User text (a name, a path) made safe inside a <c>//</c> comment: a line break would end the comment.</summary>
    public static string Comment(string value) =>
        new(value.Select(c => c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029' ? ' ' : c).ToArray());

    /// <summary>User text made safe inside a <c>///</c> XML doc comment: one line, with <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> escaped.</summary>
    public static string Xml(string value) => Comment(value).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>Words of <paramref name="text"/> in lines of at most <paramref name="width"/> characters.</summary>
    public static IEnumerable<string> Wrap(string text, int width)
    {
        var line = "";
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line;
                line = "";
            }
            line = line.Length == 0 ? word : line + " " + word;
        }
        if (line.Length > 0) yield return line;
    }
}
