using System.Globalization;
using System.Text.RegularExpressions;
using AlignDsl.Rules;

namespace AlignDsl.Generators.Model;

/// <summary>
/// A diagnostic to report, as values: which rule, where, and the arguments of the rule's message format, each already
/// written as text (with the format's own specifier, e.g. <c>{2:0.###}</c>), so the model stays comparable.
/// </summary>
internal sealed record DiagnosticInfo(string RuleId, LocationInfo? Location, EquatableArray<string> Arguments)
{
    private static readonly Regex Placeholder = new(@"(?<!\{)\{(\d+)(?:,[^}:]*)?(?::([^}]*))?\}", RegexOptions.Compiled);

    public static DiagnosticInfo Create(Rule rule, LocationInfo? location, params object[] args) => new(rule.Id, location, Texts(rule, args));

    public static DiagnosticInfo From(RuleViolation violation, LocationInfo? location) => Create(violation.Rule, location, violation.Arguments);

    /// <summary>The finished message, as the compiler will show it.</summary>
    public string Message => string.Format(CultureInfo.InvariantCulture, Rules.RuleBook.ById(RuleId).MessageFormat, Arguments.ToArray<object>());

    /// <summary>Each argument written as the message format's placeholder for it asks (invariant culture).</summary>
    private static EquatableArray<string> Texts(Rule rule, object[] args)
    {
        var specifiers = new string?[args.Length];
        foreach (Match m in Placeholder.Matches(rule.MessageFormat))
        {
            var index = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            if (index < args.Length && m.Groups[2].Success) specifiers[index] = m.Groups[2].Value;
        }
        return args.Select((a, i) => a is IFormattable f ? f.ToString(specifiers[i], CultureInfo.InvariantCulture) : a?.ToString() ?? "").ToEquatableArray();
    }
}
