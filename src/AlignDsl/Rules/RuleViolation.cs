namespace AlignDsl.Rules;

/// <summary>
/// A broken rule found on a value. <see cref="Setting"/> names the attribute property the value came from
/// (e.g. "Beta"), so the generator can point at that argument and the runtime can name the CLI option.
/// </summary>
public sealed class RuleViolation
{
    public RuleViolation(Rule rule, string setting, params object[] args)
    {
        Rule = rule;
        Setting = setting;
        Arguments = args;
        Message = rule.Format(args);
    }

    public Rule Rule { get; }
    public string Setting { get; }

    /// <summary>The values the rule's message format takes, in order: what the generator passes to its diagnostic.</summary>
    public object[] Arguments { get; }

    public string Message { get; }

    public override string ToString() => Rule.Id + ": " + Message;
}
