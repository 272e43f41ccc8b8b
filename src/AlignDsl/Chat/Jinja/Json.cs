using System.Globalization;
using System.Text;

namespace AlignDsl.Chat.Jinja;

/// <summary>
/// The <c>tojson</c> filter as Hugging Face defines it for chat templates: Python's <c>json.dumps</c> with
/// <c>ensure_ascii=False</c>, so ", " and ": " between items and non-ASCII text as written; with an indent, one
/// item a line.
/// </summary>
internal static class Json
{
    public static string Write(object? value, int? indent, Func<string, Exception> error)
    {
        var text = new StringBuilder();
        Append(text, value, indent, 0, error);
        return text.ToString();
    }

    private static void Append(StringBuilder text, object? value, int? indent, int depth, Func<string, Exception> error)
    {
        switch (value)
        {
            case null or Undefined: text.Append("null"); break;
            case bool b: text.Append(b ? "true" : "false"); break;
            case long l: text.Append(l.ToString(CultureInfo.InvariantCulture)); break;
            case double d: text.Append(Values.FormatFloat(d)); break;
            case string s: AppendString(text, s); break;
            case List<object?> list:
                Container(text, '[', ']', list, indent, depth, (item, t) => Append(t, item, indent, depth + 1, error));
                break;
            case Dictionary<string, object?> dict:
                Container(text, '{', '}', dict.ToList(), indent, depth, (pair, t) =>
                {
                    AppendString(t, pair.Key);
                    t.Append(": ");
                    Append(t, pair.Value, indent, depth + 1, error);
                });
                break;
            default: throw error($"tojson cannot write {Values.TypeName(value)}");
        }
    }

    private static void Container<T>(StringBuilder text, char open, char close, List<T> items, int? indent, int depth, Action<T, StringBuilder> write)
    {
        text.Append(open);
        if (items.Count == 0) { text.Append(close); return; }
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) text.Append(indent is null ? ", " : ",");
            if (indent is { } n) text.Append('\n').Append(' ', n * (depth + 1));
            write(items[i], text);
        }
        if (indent is { } width) text.Append('\n').Append(' ', width * depth);
        text.Append(close);
    }

    private static void AppendString(StringBuilder text, string s)
    {
        text.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case < ' ': text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }
        text.Append('"');
    }
}
