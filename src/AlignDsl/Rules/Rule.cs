namespace AlignDsl.Rules;

/// <summary>How bad a broken rule is. Mirrors Roslyn's severities so the generator can map them one to one.</summary>
public enum RuleSeverity { Info, Warning, Error }

/// <summary>
/// One rule of the experiment rulebook: an id, a title and a message that says what to do.
/// The generator reports it as a diagnostic; the runtime throws <see cref="RuleViolationException"/> with the same text.
/// </summary>
public sealed class Rule
{
    public Rule(string id, string title, string messageFormat, RuleSeverity severity, string category)
    {
        Id = id;
        Title = title;
        MessageFormat = messageFormat;
        Severity = severity;
        Category = category;
    }

    public string Id { get; }
    public string Title { get; }

    /// <summary>A composite format string; arguments are supplied by the check that found the violation.</summary>
    public string MessageFormat { get; }
    public RuleSeverity Severity { get; }
    public string Category { get; }

    /// <summary>Where the rule is explained, with an example of a fix.</summary>
    public string HelpLink => "docs/diagnostics.md#" + Id.ToLowerInvariant();

    public string Format(params object[] args) => string.Format(System.Globalization.CultureInfo.InvariantCulture, MessageFormat, args);
}
