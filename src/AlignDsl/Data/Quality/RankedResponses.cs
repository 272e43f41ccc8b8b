namespace AlignDsl.Data.Quality;

/// <summary>
/// k responses to one prompt ranked best to worst (<see cref="Ranking"/> lists indices into <see cref="Responses"/>),
/// as InstructGPT's labellers produce them. A ranking is worth C(k,2) preference pairs at the price of one label.
/// </summary>
public sealed record RankedResponses(string Prompt, IReadOnlyList<string> Responses, IReadOnlyList<int> Ranking)
{
    /// <summary>
    /// Every pair a ranking implies, higher-ranked response chosen, each weighted 1/C(k,2) so that a prompt counts
    /// once in a weighted loss however many responses it had: InstructGPT's per-prompt weighting, which keeps
    /// prompts with long rankings from dominating. (InstructGPT also put a prompt's pairs in one batch element against
    /// overfitting; here the pairs are shuffled like any others, so a prompt's weight is equal in expectation.)
    /// </summary>
    public IReadOnlyList<PreferencePair> ToPairs()
    {
        var k = Responses.Count;
        var weight = 1.0 / PairCount(k);
        var pairs = new List<PreferencePair>(PairCount(k));
        for (var better = 0; better < k; better++)
            for (var worse = better + 1; worse < k; worse++)
                pairs.Add(new PreferencePair(Prompt, Responses[Ranking[better]], Responses[Ranking[worse]]) { Weight = weight });
        return pairs;
    }

    /// <summary>C(k,2) = k(k − 1)/2, the pairs a ranking of k responses implies.</summary>
    public static int PairCount(int k) => k * (k - 1) / 2;

    /// <summary>
    /// Why <paramref name="ranking"/> is not a best-to-worst order of <paramref name="responses"/> responses (a
    /// permutation of 0..k−1, k ≥ 2), or null when it is.
    /// </summary>
    public static string? Problem(int responses, IReadOnlyList<int> ranking)
    {
        if (ranking.Count != responses)
            return $"has {ranking.Count} indices for {responses} responses; it must order every response, best first";
        var seen = new bool[responses];
        foreach (var index in ranking)
        {
            if (index < 0 || index >= responses) return $"index {index} is out of range 0..{responses - 1}";
            if (seen[index]) return $"index {index} appears twice; it must be a permutation of 0..{responses - 1}";
            seen[index] = true;
        }
        return null;
    }
}
