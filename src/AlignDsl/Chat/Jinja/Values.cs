using System.Globalization;
using System.Text;

namespace AlignDsl.Chat.Jinja;

/// <summary>A name or key that is not there: empty when printed, false when tested, an error when looked into.</summary>
internal sealed record Undefined(string Name);

/// <summary><c>namespace(...)</c>: the one object a template may change, so a loop can carry a value out.</summary>
internal sealed class Namespace(Dictionary<string, object?> values)
{
    public Dictionary<string, object?> Values { get; } = values;
}

/// <summary>A function or bound method a template can call.</summary>
internal delegate object? Callable(IReadOnlyList<object?> arguments, IReadOnlyDictionary<string, object?> named);

/// <summary>
/// Template values follow Python's rules, since chat templates are written for Python's Jinja: strings, 64-bit
/// integers, doubles, booleans, null (None), lists, string-keyed dictionaries, and the types above.
/// </summary>
internal static class Values
{
    public static bool IsTrue(object? value) => value switch
    {
        null or Undefined => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0,
        List<object?> list => list.Count > 0,
        Dictionary<string, object?> dict => dict.Count > 0,
        _ => true,
    };

    /// <summary>Python's <c>str()</c>: what <c>{{ value }}</c> prints.</summary>
    public static string ToText(object? value) => value switch
    {
        Undefined => "",
        string s => s,
        _ => Repr(value),
    };

    /// <summary>Python's <c>repr()</c>, used for values inside printed lists and dictionaries.</summary>
    public static string Repr(object? value) => value switch
    {
        null => "None",
        Undefined => "",
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => FormatFloat(d),
        string s => Quote(s),
        List<object?> list => "[" + string.Join(", ", list.Select(Repr)) + "]",
        Dictionary<string, object?> dict => "{" + string.Join(", ", dict.Select(p => $"{Quote(p.Key)}: {Repr(p.Value)}")) + "}",
        Namespace => "<Namespace>",
        _ => value.ToString() ?? "",
    };

    public static string FormatFloat(double d) =>
        Math.Abs(d) < 1e16 && Math.Floor(d) == d ? d.ToString("0.0", CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Python quotes with ' unless the text holds ' and not ".</summary>
    private static string Quote(string s)
    {
        var quote = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        var text = new StringBuilder().Append(quote);
        foreach (var c in s)
            text.Append(c switch
            {
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c == quote => "\\" + c,
                _ => c.ToString(),
            });
        return text.Append(quote).ToString();
    }

    public static bool AreEqual(object? a, object? b) => (a, b) switch
    {
        (Undefined, Undefined) => true,
        (Undefined, _) or (_, Undefined) => false,
        (null, null) => true,
        (null, _) or (_, null) => false,
        (bool x, bool y) => x == y,
        (long or double or bool, long or double or bool) => ToDouble(a) == ToDouble(b),
        (string x, string y) => x == y,
        (List<object?> x, List<object?> y) => x.Count == y.Count && x.Zip(y, AreEqual).All(equal => equal),
        (Dictionary<string, object?> x, Dictionary<string, object?> y) =>
            x.Count == y.Count && x.All(p => y.TryGetValue(p.Key, out var v) && AreEqual(p.Value, v)),
        _ => ReferenceEquals(a, b),
    };

    /// <summary>Order of numbers or of strings; anything else cannot be ordered, as in Python.</summary>
    public static int Compare(object? a, object? b, Func<string, Exception> error) => (a, b) switch
    {
        (long or double or bool, long or double or bool) => ToDouble(a).CompareTo(ToDouble(b)),
        (string x, string y) => string.CompareOrdinal(x, y),
        _ => throw error($"cannot compare {TypeName(a)} with {TypeName(b)}"),
    };

    public static double ToDouble(object? value) => value switch
    {
        long l => l,
        double d => d,
        bool b => b ? 1 : 0,
        _ => throw new InvalidCastException(),
    };

    public static string TypeName(object? value) => value switch
    {
        null => "none",
        Undefined u => $"undefined '{u.Name}'",
        bool => "boolean",
        long => "integer",
        double => "float",
        string => "string",
        List<object?> => "list",
        Dictionary<string, object?> => "dict",
        Namespace => "namespace",
        Callable => "function",
        _ => value.GetType().Name,
    };

    /// <summary>What a for loop walks: list items, dictionary keys, string characters; undefined walks nothing.</summary>
    public static List<object?> Iterate(object? value, Func<string, Exception> error) => value switch
    {
        List<object?> list => list,
        Dictionary<string, object?> dict => dict.Keys.Cast<object?>().ToList(),
        string s => s.Select(c => (object?)c.ToString()).ToList(),
        Undefined => [],
        _ => throw error($"{TypeName(value)} is not iterable"),
    };

    /// <summary>Converts .NET values handed to a template (strings, numbers, lists, dictionaries, records of messages) to template values.</summary>
    public static object? From(object? value) => value switch
    {
        null or string or bool or long or double or Undefined or Namespace or Callable => value,
        int i => (long)i,
        float f => (double)f,
        decimal m => (double)m,
        System.Collections.IDictionary dict => dict.Keys.Cast<object>().ToDictionary(k => k.ToString()!, k => From(dict[k])),
        System.Collections.IEnumerable items => items.Cast<object?>().Select(From).ToList(),
        _ => value,
    };
}
