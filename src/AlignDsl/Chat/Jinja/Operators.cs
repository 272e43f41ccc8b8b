namespace AlignDsl.Chat.Jinja;

/// <summary>Arithmetic, concatenation, comparison and membership with Python's meaning.</summary>
internal static class Operators
{
    public static object? Unary(string op, object? value, Func<string, Exception> error) => (op, value) switch
    {
        ("not", _) => !Values.IsTrue(value),
        ("-", long l) => -l,
        ("-", double d) => -d,
        _ => throw error($"cannot apply '{op}' to {Values.TypeName(value)}"),
    };

    public static object? Binary(string op, object? left, object? right, Func<string, Exception> error)
    {
        switch (op)
        {
            case "~": return Values.ToText(left) + Values.ToText(right);
            case "==": return Values.AreEqual(left, right);
            case "!=": return !Values.AreEqual(left, right);
            case "<": return Values.Compare(left, right, error) < 0;
            case ">": return Values.Compare(left, right, error) > 0;
            case "<=": return Values.Compare(left, right, error) <= 0;
            case ">=": return Values.Compare(left, right, error) >= 0;
            case "in": return Contains(right, left, error);
            case "not in": return !Contains(right, left, error);
        }
        return (op, left, right) switch
        {
            ("+", string a, string b) => a + b,
            ("+", List<object?> a, List<object?> b) => a.Concat(b).ToList(),
            ("*", string s, long n) => string.Concat(Enumerable.Repeat(s, (int)Math.Max(0, n))),
            ("*", List<object?> list, long n) => Enumerable.Repeat(list, (int)Math.Max(0, n)).SelectMany(x => x).ToList(),
            (_, long a, long b) => op switch
            {
                // object-typed arms: otherwise C# would give the whole switch the type double
                "+" => (object)(a + b),
                "-" => a - b,
                "*" => a * b,
                "/" => (double)a / b,
                "//" => b == 0 ? throw error("division by zero") : (long)Math.Floor((double)a / b),
                "%" => b == 0 ? throw error("modulo by zero") : ((a % b) + b) % b,
                "**" => (long)Math.Pow(a, b),
                _ => throw error($"unknown operator '{op}'"),
            },
            (_, long or double, long or double) => Arithmetic(op, Values.ToDouble(left), Values.ToDouble(right), error),
            ("%", string, _) => throw error("'%' string formatting is not supported; use '~' or '+'"),
            _ => throw error($"cannot apply '{op}' to {Values.TypeName(left)} and {Values.TypeName(right)}"),
        };
    }

    private static object Arithmetic(string op, double a, double b, Func<string, Exception> error) => op switch
    {
        "+" => a + b,
        "-" => a - b,
        "*" => a * b,
        "/" => a / b,
        "//" => Math.Floor(a / b),
        "%" => a - b * Math.Floor(a / b),
        "**" => Math.Pow(a, b),
        _ => throw error($"unknown operator '{op}'"),
    };

    private static bool Contains(object? container, object? item, Func<string, Exception> error) => container switch
    {
        string s when item is string sub => s.Contains(sub, StringComparison.Ordinal),
        List<object?> list => list.Any(x => Values.AreEqual(x, item)),
        Dictionary<string, object?> dict => item is string key && dict.ContainsKey(key),
        Undefined => false,
        _ => throw error($"'in' needs a string, list or dict on its right, found {Values.TypeName(container)}"),
    };
}
