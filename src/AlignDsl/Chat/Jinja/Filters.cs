using System.Globalization;

namespace AlignDsl.Chat.Jinja;

/// <summary>The Jinja filters chat templates use; another filter is an error that names it.</summary>
internal static class Filters
{
    public static object? Apply(string name, object? value, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> named, Func<string, Exception> error)
    {
        object? Arg(int index, string key, object? fallback = null) =>
            args.Count > index ? args[index] : named.TryGetValue(key, out var v) ? v : fallback;

        switch (name)
        {
            case "trim": return Arg(0, "chars") is string chars ? Text(value).Trim(chars.ToCharArray()) : Text(value).Trim();
            case "upper": return Text(value).ToUpperInvariant();
            case "lower": return Text(value).ToLowerInvariant();
            case "title": return Title(Text(value));
            case "capitalize": return Text(value) is { Length: > 0 } s ? char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant() : "";
            case "string": return Values.ToText(value);
            case "length" or "count": return Length(value, error);
            case "tojson": return Json.Write(value, Arg(0, "indent") is long indent ? (int)indent : null, error);
            case "default" or "d":
                var useIfFalse = Values.IsTrue(Arg(1, "boolean", false));
                return value is Undefined || (useIfFalse && !Values.IsTrue(value)) ? Arg(0, "default_value", "") : value;
            case "first": return Values.Iterate(value, error) is { Count: > 0 } items ? items[0] : new Undefined("first");
            case "last": return Values.Iterate(value, error) is { Count: > 0 } list ? list[^1] : new Undefined("last");
            case "join":
                var attribute = Arg(1, "attribute") as string;
                return string.Join(Arg(0, "d", "") is string separator ? separator : "",
                    Values.Iterate(value, error).Select(v => Values.ToText(attribute is null ? v : Access.Attribute(v, attribute, error))));
            case "replace": return Replace(Text(value), args);
            case "list": return Values.Iterate(value, error);
            case "reverse": return value is string r ? new string(r.Reverse().ToArray()) : Enumerable.Reverse(Values.Iterate(value, error)).ToList();
            case "items": return value is Dictionary<string, object?> dict ? dict.Select(p => (object?)new List<object?> { p.Key, p.Value }).ToList() : throw error("items needs a dict");
            case "safe": return value;
            case "int": return ToInteger(value);
            case "float": return value switch { long l => (double)l, double d => d, string t when double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) => f, _ => 0.0 };
            case "abs": return value switch { long l => Math.Abs(l), double d => Math.Abs(d), _ => throw error($"abs needs a number, found {Values.TypeName(value)}") };
            case "unique": return Values.Iterate(value, error).Aggregate(new List<object?>(), (seen, v) => { if (!seen.Any(x => Values.AreEqual(x, v))) seen.Add(v); return seen; });
            case "selectattr" or "rejectattr":
                var keep = name == "selectattr";
                var attr = Arg(0, "attribute") as string ?? throw error($"{name} needs an attribute name");
                return Values.Iterate(value, error).Where(item =>
                {
                    var field = Access.Attribute(item, attr, error);
                    var passes = args.Count > 1 ? Tests.Apply(Values.ToText(args[1]), field, args.Skip(2).ToList(), error) : Values.IsTrue(field);
                    return passes == keep;
                }).ToList();
            case "map":
                if (Arg(99, "attribute") is string mapped) return Values.Iterate(value, error).Select(item => Access.Attribute(item, mapped, error)).ToList();
                if (args.Count > 0 && args[0] is string filter)
                    return Values.Iterate(value, error).Select(item => Apply(filter, item, args.Skip(1).ToList(), new Dictionary<string, object?>(), error)).ToList();
                throw error("map needs attribute=… or a filter name");
            case "indent":
                var width = Arg(0, "width", 4L) is long w ? (int)w : 4;
                var pad = new string(' ', width);
                var lines = Text(value).Split('\n');
                var indentFirst = Values.IsTrue(Arg(1, "first", false));
                return string.Join("\n", lines.Select((l, i) => (i > 0 || indentFirst) && l.Length > 0 ? pad + l : l));
            default:
                throw error($"unsupported filter '{name}'");
        }
    }

    public static string Title(string s)
    {
        var chars = s.ToCharArray();
        var start = true;
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = start ? char.ToUpperInvariant(chars[i]) : char.ToLowerInvariant(chars[i]);
            start = !char.IsLetterOrDigit(chars[i]);
        }
        return new string(chars);
    }

    public static string Replace(string s, IReadOnlyList<object?> args)
    {
        if (args.Count < 2) throw new ArgumentException("replace needs the old and the new text");
        var (old, replacement) = (Values.ToText(args[0]), Values.ToText(args[1]));
        if (args.Count < 3 || args[2] is not long count) return s.Replace(old, replacement);
        for (int i = 0, at = 0; i < count && (at = s.IndexOf(old, at, StringComparison.Ordinal)) >= 0; i++, at += replacement.Length)
            s = s[..at] + replacement + s[(at + old.Length)..];
        return s;
    }

    private static string Text(object? value) => Values.ToText(value);

    private static long Length(object? value, Func<string, Exception> error) => value switch
    {
        string s => s.Length,
        List<object?> list => list.Count,
        Dictionary<string, object?> dict => dict.Count,
        Undefined => 0,
        _ => throw error($"{Values.TypeName(value)} has no length"),
    };

    private static long ToInteger(object? value) => value switch
    {
        long l => l,
        double d => (long)d,
        bool b => b ? 1 : 0,
        string s when long.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => (long)d,
        _ => 0,
    };
}
