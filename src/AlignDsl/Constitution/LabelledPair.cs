using AlignDsl.Data;

namespace AlignDsl.Constitution;

/// <summary>Two different answers to one prompt, not yet labelled: what AI feedback asks the judge about.</summary>
public sealed record CandidatePair(string Prompt, string First, string Second);

/// <summary>
/// A preference pair labelled by AI feedback: <see cref="PreferencePair.Chosen"/> is the answer the judge found to
/// follow <see cref="Principle"/> better, with <see cref="Probability"/> (in (0.5, 1]) that it does, both orders averaged.
/// The pair's <see cref="PreferencePair.Category"/> is the principle id, so results can be split by principle.
/// </summary>
public sealed record LabelledPair(PreferencePair Pair, string Principle, double Probability);

public static class LabelledPairs
{
    /// <summary>The pairs alone, ready for <see cref="PreferenceData.Tokenize"/>.</summary>
    public static IReadOnlyList<PreferencePair> ToPreferencePairs(this IEnumerable<LabelledPair> labelled) => labelled.Select(l => l.Pair).ToList();
}
