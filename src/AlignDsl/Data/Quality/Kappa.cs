namespace AlignDsl.Data.Quality;

/// <summary>
/// Chance-corrected agreement between annotators: κ = (observed − expected) / (1 − expected), 1 for perfect
/// agreement, 0 for what labelling at random with the same label frequencies would give. Labels are any values
/// compared for equality (here "a"/"b" preferences). κ is NaN when chance alone already agrees perfectly (every
/// label the same category), where agreement says nothing.
/// </summary>
public static class Kappa
{
    /// <summary>
    /// Cohen's κ for two annotators who labelled the same items: observed agreement p_o over the items, expected
    /// agreement p_e = Σ_c p₁(c)·p₂(c) from each annotator's own label frequencies.
    /// </summary>
    public static double Cohen<T>(IReadOnlyList<T> first, IReadOnlyList<T> second) where T : notnull
    {
        if (first.Count != second.Count) throw new ArgumentException($"The annotators labelled {first.Count} and {second.Count} items: Cohen's κ needs the same items.");
        if (first.Count == 0) throw new ArgumentException("Cohen's κ needs at least one item.");
        double n = first.Count;
        var observed = first.Zip(second).Count(p => EqualityComparer<T>.Default.Equals(p.First, p.Second)) / n;
        var firstShares = Shares(first);
        var secondShares = Shares(second);
        var expected = firstShares.Sum(c => c.Value * secondShares.GetValueOrDefault(c.Key));
        return FromAgreement(observed, expected);
    }

    /// <summary>
    /// Fleiss' κ for any number (at least 2) of annotators who each labelled every item; <paramref name="labels"/>[i]
    /// holds item i's labels, one per annotator. Observed: the mean over items of the share of annotator pairs that
    /// agree on it; expected: Σ_c p(c)² from the pooled label frequencies. With two annotators it is Scott's π.
    /// </summary>
    public static double Fleiss<T>(IReadOnlyList<IReadOnlyList<T>> labels) where T : notnull
    {
        if (labels.Count == 0) throw new ArgumentException("Fleiss' κ needs at least one item.");
        var raters = labels[0].Count;
        if (raters < 2) throw new ArgumentException("Fleiss' κ needs at least 2 annotators per item.");
        if (labels.Any(l => l.Count != raters)) throw new ArgumentException($"Fleiss' κ needs every item labelled by the same number of annotators ({raters}).");
        // P_i = (Σ_c n_ic² − n) / (n(n − 1)): of the n(n − 1) ordered annotator pairs, the share that agree on item i.
        var observed = labels.Average(item => (item.GroupBy(l => l).Sum(g => (double)g.Count() * g.Count()) - raters) / (raters * (raters - 1.0)));
        var expected = Shares(labels.SelectMany(l => l).ToList()).Values.Sum(p => p * p);
        return FromAgreement(observed, expected);
    }

    private static double FromAgreement(double observed, double expected) =>
        expected >= 1 ? double.NaN : (observed - expected) / (1 - expected);

    private static Dictionary<T, double> Shares<T>(IReadOnlyList<T> labels) where T : notnull =>
        labels.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count() / (double)labels.Count);
}
