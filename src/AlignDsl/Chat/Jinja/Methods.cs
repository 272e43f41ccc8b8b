namespace AlignDsl.Chat.Jinja;

/// <summary>The Python string and dictionary methods chat templates call, bound to their receiver.</summary>
internal static class Methods
{
    public static Callable? Bind(object? target, string name) => target switch
    {
        string s => StringMethod(s, name),
        Dictionary<string, object?> dict => DictionaryMethod(dict, name),
        _ => null,
    };

    private static Callable? StringMethod(string s, string name) => name switch
    {
        "strip" => (args, _) => Strip(s, args, start: true, end: true),
        "lstrip" => (args, _) => Strip(s, args, start: true, end: false),
        "rstrip" => (args, _) => Strip(s, args, start: false, end: true),
        "upper" => (_, _) => s.ToUpperInvariant(),
        "lower" => (_, _) => s.ToLowerInvariant(),
        "title" => (_, _) => Filters.Title(s),
        "capitalize" => (_, _) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant(),
        "startswith" => (args, _) => Affixes(args).Any(p => s.StartsWith(p, StringComparison.Ordinal)),
        "endswith" => (args, _) => Affixes(args).Any(p => s.EndsWith(p, StringComparison.Ordinal)),
        "split" => (args, named) => Split(s, args.Count > 0 ? args[0] : Named(named, "sep"), args.Count > 1 ? args[1] : Named(named, "maxsplit")),
        "splitlines" => (_, _) => s.Split('\n').Select(l => (object?)l.TrimEnd('\r')).ToList(),
        "replace" => (args, _) => Filters.Replace(s, args),
        "find" => (args, _) => (long)s.IndexOf(Text(args, 0), StringComparison.Ordinal),
        "count" => (args, _) => (long)(Text(args, 0) is { Length: > 0 } sub ? (s.Length - s.Replace(sub, "").Length) / sub.Length : s.Length + 1),
        "join" => (args, _) => string.Join(s, Values.Iterate(args[0], m => new ArgumentException(m)).Select(Values.ToText)),
        "isdigit" => (_, _) => s.Length > 0 && s.All(char.IsDigit),
        _ => null,
    };

    private static Callable? DictionaryMethod(Dictionary<string, object?> dict, string name) => name switch
    {
        "items" => (_, _) => dict.Select(p => (object?)new List<object?> { p.Key, p.Value }).ToList(),
        "keys" => (_, _) => dict.Keys.Cast<object?>().ToList(),
        "values" => (_, _) => dict.Values.ToList(),
        "get" => (args, _) => args.Count > 0 && args[0] is string key && dict.TryGetValue(key, out var v) ? v : args.Count > 1 ? args[1] : null,
        _ => null,
    };

    private static string Strip(string s, IReadOnlyList<object?> args, bool start, bool end)
    {
        var chars = args.Count > 0 && args[0] is string c ? c.ToCharArray() : null;
        return (start, end) switch
        {
            (true, true) => chars is null ? s.Trim() : s.Trim(chars),
            (true, false) => chars is null ? s.TrimStart() : s.TrimStart(chars),
            _ => chars is null ? s.TrimEnd() : s.TrimEnd(chars),
        };
    }

    // startswith/endswith take one string or a tuple of them.
    private static IEnumerable<string> Affixes(IReadOnlyList<object?> args) =>
        args.Count == 0 ? throw new ArgumentException("startswith/endswith need an argument")
        : args[0] is List<object?> options ? options.Select(Values.ToText) : [Values.ToText(args[0])];

    /// <summary>Python's split: on runs of whitespace without a separator, else on each separator; maxsplit limits the cuts.</summary>
    private static List<object?> Split(string s, object? separator, object? maxSplit)
    {
        var limit = maxSplit is long m && m >= 0 ? (int)m + 1 : int.MaxValue;
        var parts = separator is string sep
            ? s.Split([sep], limit, StringSplitOptions.None)
            : s.Split((char[]?)null, limit, StringSplitOptions.RemoveEmptyEntries).Select((p, i) => i == limit - 1 ? p.TrimStart() : p).ToArray();
        return parts.Cast<object?>().ToList();
    }

    private static object? Named(IReadOnlyDictionary<string, object?> named, string name) => named.TryGetValue(name, out var value) ? value : null;

    private static string Text(IReadOnlyList<object?> args, int index) =>
        args.Count > index ? Values.ToText(args[index]) : throw new ArgumentException($"missing argument {index + 1}");
}
