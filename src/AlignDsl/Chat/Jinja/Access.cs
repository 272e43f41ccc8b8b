namespace AlignDsl.Chat.Jinja;

/// <summary>
/// <c>x.name</c>, <c>x[key]</c> and <c>x[a:b:c]</c>. As in Jinja, a dictionary's key and an attribute are the same
/// thing except that a method name (<c>items</c>, <c>get</c>, …) finds the method; a missing key is undefined, and
/// looking into something undefined is an error.
/// </summary>
internal static class Access
{
    public static object? Attribute(object? target, string name, Func<string, Exception> error) => target switch
    {
        Undefined u => throw error($"'{u.Name}' is undefined, so it has no attribute '{name}'"),
        Namespace ns => ns.Values.TryGetValue(name, out var v) ? v : new Undefined(name),
        Dictionary<string, object?> dict when Methods.Bind(dict, name) is { } method => method,
        Dictionary<string, object?> dict => dict.TryGetValue(name, out var v) ? v : new Undefined(name),
        _ => (object?)Methods.Bind(target, name) ?? (target is string or List<object?> or null
            ? new Undefined(name)
            : throw error($"{Values.TypeName(target)} has no attribute '{name}'")),
    };

    public static object? Item(object? target, object? key, Func<string, Exception> error) => (target, key) switch
    {
        (Undefined u, _) => throw error($"'{u.Name}' is undefined, so it has no item {Values.Repr(key)}"),
        (Dictionary<string, object?> dict, string name) => dict.TryGetValue(name, out var v) ? v : new Undefined(name),
        (Namespace ns, string name) => ns.Values.TryGetValue(name, out var v) ? v : new Undefined(name),
        (List<object?> list, long i) => At(list.Count, i) is { } at ? list[at] : new Undefined($"[{i}]"),
        (string s, long i) => At(s.Length, i) is { } at ? s[at].ToString() : new Undefined($"[{i}]"),
        (_, string name) => Attribute(target, name, error),
        _ => throw error($"cannot index {Values.TypeName(target)} with {Values.TypeName(key)}"),
    };

    public static object? Slice(object? target, object? start, object? stop, object? step, Func<string, Exception> error)
    {
        var stride = step switch { null => 1L, long s and not 0 => s, _ => throw error("slice step must be a non-zero integer") };
        switch (target)
        {
            case List<object?> list:
                return Indices(list.Count, start, stop, stride, error).Select(i => list[i]).ToList();
            case string s:
                return string.Concat(Indices(s.Length, start, stop, stride, error).Select(i => s[i]));
            default:
                throw error($"cannot slice {Values.TypeName(target)}");
        }
    }

    /// <summary>Python's index arithmetic for a[start:stop:step].</summary>
    private static IEnumerable<int> Indices(int count, object? start, object? stop, long step, Func<string, Exception> error)
    {
        long Bound(object? value, long fallback, long low, long high) => value switch
        {
            null => fallback,
            long v => Math.Max(low, Math.Min(high, v < 0 ? v + count : v)),
            _ => throw error("slice bounds must be integers"),
        };
        if (step > 0)
        {
            for (var i = Bound(start, 0, 0, count); i < Bound(stop, count, 0, count); i += step) yield return (int)i;
        }
        else
        {
            for (var i = Bound(start, count - 1, -1, count - 1); i > Bound(stop, -1, -1, count - 1); i += step) yield return (int)i;
        }
    }

    private static int? At(int count, long index)
    {
        var i = index < 0 ? index + count : index;
        return i >= 0 && i < count ? (int)i : null;
    }
}
