using AlignDsl.Rules;

namespace AlignDsl.Generators.Model;

/// <summary>A diagnostic to report, as values: which rule, where, and its finished message.</summary>
internal sealed record DiagnosticInfo(string RuleId, LocationInfo? Location, string Message)
{
    public static DiagnosticInfo Create(Rule rule, LocationInfo? location, params object[] args) => new(rule.Id, location, rule.Format(args));

    public static DiagnosticInfo From(RuleViolation violation, LocationInfo? location) => new(violation.Rule.Id, location, violation.Message);
}
