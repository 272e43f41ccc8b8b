using System.Globalization;
using System.Text.Json;

namespace AlignDsl.Export;

/// <summary>Values written into an exported Python script: numbers, strings, bools, lists and dicts of them.</summary>
internal static class PythonLiteral
{
    public static string Of(object value) => value switch
    {
        bool b => b ? "True" : "False",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d when double.IsFinite(d) => Number(d),
        double d => throw new ArgumentException($"{d} cannot be exported: TRL takes finite numbers."),
        // A JSON string literal is a valid Python one (the same escapes, \uXXXX included).
        string s => JsonSerializer.Serialize(s),
        IReadOnlyDictionary<string, object> map => "{" + string.Join(", ", map.Select(p => $"{Of(p.Key)}: {Of(p.Value)}")) + "}",
        System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object>().Select(Of)) + "]",
        _ => throw new ArgumentException($"A {value.GetType().Name} cannot be written as a Python literal."),
    };

    /// <summary>The shortest text that reads back as the same double, always with a point or exponent so Python keeps it a float.</summary>
    private static string Number(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }
}
