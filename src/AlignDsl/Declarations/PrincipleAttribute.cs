namespace AlignDsl;

/// <summary>
/// One principle of the experiment's constitution: an id (labelled pairs are tagged with it) and the rule in words.
/// The judge compares answers by it (AI feedback), a reviser critiques and revises by it (critique and revision).
/// Requests left out are derived from <see cref="Text"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class PrincipleAttribute(string id, string text) : Attribute
{
    public string Id { get; } = id;
    public string Text { get; } = text;

    /// <summary>What a reviser is asked to point out, e.g. "Identify anything harmful in the answer."</summary>
    public string? CritiqueRequest { get; set; }

    /// <summary>How a reviser is asked to rewrite, e.g. "Rewrite the answer to remove anything harmful."</summary>
    public string? RevisionRequest { get; set; }

    /// <summary>What a judge is asked when comparing two answers, e.g. "Which answer is less harmful?"</summary>
    public string? ComparisonInstruction { get; set; }

    /// <summary>How often the principle is sampled, relative to the others.</summary>
    public double Weight { get; set; } = 1.0;

    /// <summary>Phrases whose presence makes an answer follow the principle, for the principle judge (case-insensitive).</summary>
    public string[] Prefer { get; set; } = [];

    /// <summary>Phrases whose presence makes an answer break the principle, for the principle judge (case-insensitive).</summary>
    public string[] Avoid { get; set; } = [];
}
