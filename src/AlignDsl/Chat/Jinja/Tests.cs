namespace AlignDsl.Chat.Jinja;

/// <summary>Jinja's <c>is</c> tests that chat templates use; another test is an error that names it.</summary>
internal static class Tests
{
    public static bool Apply(string name, object? value, IReadOnlyList<object?> args, Func<string, Exception> error) => name switch
    {
        "defined" => value is not Undefined,
        "undefined" => value is Undefined,
        "none" => value is null,
        "string" => value is string,
        "number" => value is long or double,
        "integer" => value is long,
        "float" => value is double,
        "boolean" => value is bool,
        "true" => value is true,
        "false" => value is false,
        "mapping" => value is Dictionary<string, object?>,
        "sequence" => value is List<object?> or string or Dictionary<string, object?>,
        "iterable" => value is List<object?> or string or Dictionary<string, object?>,
        "callable" => value is Callable,
        "lower" => value is string s && s == s.ToLowerInvariant(),
        "upper" => value is string u && u == u.ToUpperInvariant(),
        "even" => value is long e ? e % 2 == 0 : throw error("'even' needs an integer"),
        "odd" => value is long o ? o % 2 != 0 : throw error("'odd' needs an integer"),
        "divisibleby" => value is long n && args is [long d] ? d != 0 && n % d == 0 : throw error("'divisibleby' needs two integers"),
        "eq" or "equalto" or "==" or "sameas" => args.Count == 1 ? Values.AreEqual(value, args[0]) : throw error($"'{name}' needs one argument"),
        "ne" or "!=" => args.Count == 1 ? !Values.AreEqual(value, args[0]) : throw error($"'{name}' needs one argument"),
        "in" => args.Count == 1 ? (bool)Operators.Binary("in", value, args[0], error)! : throw error("'in' needs one argument"),
        _ => throw error($"unsupported test 'is {name}'"),
    };
}
