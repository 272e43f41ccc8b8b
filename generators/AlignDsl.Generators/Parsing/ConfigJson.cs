using System.Text;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// The top-level fields of a model's <c>config.json</c> as text: strings unquoted, numbers, <c>true</c>, <c>false</c> and
/// <c>null</c> as written, an array as its first element (<c>architectures</c>), an object as <c>{}</c>. Enough for the
/// memory estimate without a JSON library in the generator; a malformed file reads as null.
/// </summary>
internal static class ConfigJson
{
    public static IReadOnlyDictionary<string, string>? Fields(string json)
    {
        var reader = new Reader(json);
        try
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            reader.Expect('{');
            if (reader.TryTake('}')) return fields;
            do
            {
                var name = reader.String();
                reader.Expect(':');
                fields[name] = reader.Value(topLevel: true);
            } while (reader.TryTake(','));
            reader.Expect('}');
            return fields;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private sealed class Reader(string text)
    {
        private int _at;

        public void Expect(char c)
        {
            if (!TryTake(c)) throw new FormatException($"expected '{c}' at {_at}");
        }

        public bool TryTake(char c)
        {
            SkipSpace();
            if (_at < text.Length && text[_at] == c)
            {
                _at++;
                return true;
            }
            return false;
        }

        /// <summary>A value as text; nested arrays and objects are read through and summarised.</summary>
        public string Value(bool topLevel)
        {
            SkipSpace();
            if (_at >= text.Length) throw new FormatException("unexpected end");
            switch (text[_at])
            {
                case '"': return String();
                case '{':
                    _at++;
                    if (!TryTake('}'))
                    {
                        do
                        {
                            String();
                            Expect(':');
                            Value(topLevel: false);
                        } while (TryTake(','));
                        Expect('}');
                    }
                    return "{}";
                case '[':
                    _at++;
                    string? first = null;
                    if (!TryTake(']'))
                    {
                        do
                        {
                            var item = Value(topLevel: false);
                            first ??= item;
                        } while (TryTake(','));
                        Expect(']');
                    }
                    return topLevel ? first ?? "[]" : "[]";
                default:
                    var start = _at;
                    while (_at < text.Length && text[_at] is not (',' or '}' or ']') && !char.IsWhiteSpace(text[_at])) _at++;
                    if (_at == start) throw new FormatException($"no value at {start}");
                    return text.Substring(start, _at - start);
            }
        }

        public string String()
        {
            Expect('"');
            var value = new StringBuilder();
            while (_at < text.Length && text[_at] != '"')
            {
                var c = text[_at++];
                if (c != '\\') value.Append(c);
                else if (_at < text.Length)
                {
                    var escaped = text[_at++];
                    value.Append(escaped switch { 'n' => '\n', 't' => '\t', 'r' => '\r', 'b' => '\b', 'f' => '\f', _ => escaped });
                    if (escaped == 'u' && _at + 4 <= text.Length)
                    {
                        value.Length--;
                        value.Append((char)Convert.ToInt32(text.Substring(_at, 4), 16));
                        _at += 4;
                    }
                }
            }
            Expect('"');
            return value.ToString();
        }

        private void SkipSpace()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at])) _at++;
        }
    }
}
