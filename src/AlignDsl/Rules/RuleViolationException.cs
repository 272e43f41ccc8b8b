namespace AlignDsl.Rules;

/// <summary>Thrown at run time when a value that arrived after compilation (a CLI override) breaks a rule.</summary>
public sealed class RuleViolationException(IReadOnlyList<RuleViolation> violations)
    : Exception(string.Join(Environment.NewLine, violations.Select(v => v.ToString())))
{
    public IReadOnlyList<RuleViolation> Violations { get; } = violations;
}
