using System.Globalization;
using System.Text;

namespace AlignDsl.Chat.Jinja;

internal enum TokenKind { Name, String, Integer, Float, Operator, End }

/// <summary>One token inside a tag; <see cref="Offset"/> is its place in the whole template, for error messages.</summary>
internal sealed record Token(TokenKind Kind, string Text, int Offset, object? Value = null);

/// <summary>Splits the inside of one tag into names, literals and operators.</summary>
internal static class Lexer
{
    // Longest first, so that "//" wins over "/" and "==" over "=".
    private static readonly string[] Operators =
        ["//", "**", "==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "~", "<", ">", "=", "(", ")", "[", "]", "{", "}", ".", ",", ":", "|"];

    public static List<Token> Tokenize(string source, Segment segment)
    {
        var text = segment.Content;
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var offset = segment.Offset + i;
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
                tokens.Add(new Token(TokenKind.Name, text[start..i], offset));
            }
            else if (char.IsDigit(c))
            {
                var start = i;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '_')) i++;
                var isFloat = i + 1 < text.Length && text[i] == '.' && char.IsDigit(text[i + 1]);
                if (isFloat) for (i++; i < text.Length && char.IsDigit(text[i]); i++) { }
                var literal = text[start..i].Replace("_", "");
                tokens.Add(isFloat
                    ? new Token(TokenKind.Float, literal, offset, double.Parse(literal, CultureInfo.InvariantCulture))
                    : new Token(TokenKind.Integer, literal, offset, long.Parse(literal, CultureInfo.InvariantCulture)));
            }
            else if (c is '\'' or '"')
            {
                var (value, next) = ReadString(source, text, i, segment.Offset);
                tokens.Add(new Token(TokenKind.String, text[i..next], offset, value));
                i = next;
            }
            else
            {
                var op = Operators.FirstOrDefault(o => string.CompareOrdinal(text, i, o, 0, o.Length) == 0)
                         ?? throw new TemplateException($"unexpected character '{c}'", SourcePosition.At(source, offset));
                tokens.Add(new Token(TokenKind.Operator, op, offset));
                i += op.Length;
            }
        }
        tokens.Add(new Token(TokenKind.End, "end of tag", segment.Offset + text.Length));
        return tokens;
    }

    /// <summary>A quoted string with Python's escapes (\n, \t, \\, \', \", \uXXXX).</summary>
    private static (string Value, int Next) ReadString(string source, string text, int start, int segmentOffset)
    {
        var quote = text[start];
        var value = new StringBuilder();
        for (var i = start + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == quote) return (value.ToString(), i + 1);
            if (c != '\\' || i + 1 >= text.Length) { value.Append(c); continue; }
            var e = text[++i];
            switch (e)
            {
                case 'n': value.Append('\n'); break;
                case 't': value.Append('\t'); break;
                case 'r': value.Append('\r'); break;
                case 'u' when i + 4 < text.Length:
                    value.Append((char)Convert.ToInt32(text.Substring(i + 1, 4), 16));
                    i += 4;
                    break;
                case '\\' or '\'' or '"': value.Append(e); break;
                case '\n': break;
                default: value.Append('\\').Append(e); break;
            }
        }
        throw new TemplateException("string literal is never closed", SourcePosition.At(source, segmentOffset + start));
    }
}
