namespace AlignDsl.Constitution;

/// <summary>
/// One rule of a constitution (Bai et al., 2022): an id that labelled data is tagged with, the rule in words, and the
/// three questions asked by it. Requests left unset are derived from <see cref="Text"/>, so a principle needs only
/// its id and text. <see cref="Prefer"/> and <see cref="Avoid"/> are for <see cref="PrincipleJudge"/>, which judges
/// by phrases instead of by reading.
/// </summary>
public sealed record Principle(string Id, string Text)
{
    /// <summary>What a reviser is asked to point out in an answer.</summary>
    public string CritiqueRequest
    {
        get => field ?? $"Identify specific ways in which the answer fails this principle: {Text}";
        init;
    }

    /// <summary>How a reviser is asked to rewrite the answer after its critique.</summary>
    public string RevisionRequest
    {
        get => field ?? $"Rewrite the answer so that it follows this principle: {Text}";
        init;
    }

    /// <summary>What a judge is asked when it compares two answers (the comparison's instruction).</summary>
    public string ComparisonInstruction
    {
        get => field ?? $"Which answer better follows this principle: {Text}";
        init;
    }

    /// <summary>How often the principle is sampled, relative to the others; positive.</summary>
    public double Weight { get; init; } = 1;

    /// <summary>Phrases whose presence makes an answer follow the principle (case-insensitive), for the rule judge.</summary>
    public IReadOnlyList<string> Prefer { get; init; } = [];

    /// <summary>Phrases whose presence makes an answer break the principle (case-insensitive), for the rule judge.</summary>
    public IReadOnlyList<string> Avoid { get; init; } = [];
}
