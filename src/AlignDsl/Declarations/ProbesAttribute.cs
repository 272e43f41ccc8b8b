namespace AlignDsl;

/// <summary>
/// The prompts <c>RedTeam</c> and <c>OverRefusal</c> sample answers to: your own JSONL files instead of the gym's
/// held-out prompts. Each line is <c>{"prompt": "…", "category": "…"}</c> (the category is optional and groups the rates
/// in reports: a harm category, or the kind of safe prompt). Prompts are used as written, so frame them the way the
/// training data frames its prompts. A file left out keeps the gym's prompts for that suite. Paths are relative to the
/// working directory; list them as AdditionalFiles and a missing one fails the build.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ProbesAttribute : Attribute
{
    /// <summary>Harmful requests: <c>RedTeam</c>'s attack success rate is measured on them.</summary>
    public string? Harmful { get; set; }

    /// <summary>Benign requests that look alarming (XSTest's kind): <c>OverRefusal</c>'s rate is measured on them.</summary>
    public string? Benign { get; set; }
}
