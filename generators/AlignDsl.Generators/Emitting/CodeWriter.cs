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

    /// <summary>A C# double literal that round-trips: 0.1 → "0.1", 1 → "1.0", 3E-05 → "3E-05".</summary>
    public static string Literal(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.IndexOfAny(['.', 'E', 'e']) >= 0 ? text : text + ".0";
    }

    public static string Literal(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Literal(string? value) => value is null ? "null" : "@\"" + value.Replace("\"", "\"\"") + "\"";
}
