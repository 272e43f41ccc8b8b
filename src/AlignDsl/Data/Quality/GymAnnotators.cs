namespace AlignDsl.Data.Quality;

/// <summary>
/// Simulated annotators of known reliability: they label the gym's pairs, whose right answer is known, so that the
/// effect of label noise on training, and the agreement check that should catch it, can be studied with the noise
/// dialled in. Each annotator independently picks the truly better response with probability
/// <see cref="AgreementWithTruth"/>, chosen so that the annotators' expected κ is <see cref="TargetKappa"/>.
/// </summary>
public sealed class GymAnnotators
{
    public GymAnnotators(int annotators, double targetKappa, int seed)
    {
        if (annotators < 2) throw new ArgumentOutOfRangeException(nameof(annotators), annotators, "Agreement needs at least 2 annotators.");
        if (!(targetKappa >= 0 && targetKappa <= 1))
            throw new ArgumentOutOfRangeException(nameof(targetKappa), targetKappa, "Independent annotators better than a coin reach a κ between 0 and 1.");
        Annotators = annotators;
        TargetKappa = targetKappa;
        Seed = seed;
        // Labels are balanced (the better response is "a" or "b" by a fair coin) and each annotator is right with
        // probability q, independently, so each says "a" half the time: chance agreement p_e = ½·½ + ½·½ = ½.
        // Two annotators agree when both are right or both wrong: p_o = q² + (1 − q)².
        // κ = (p_o − ½)/(1 − ½) = 2q² + 2(1 − q)² − 1 = 4q² − 4q + 1 = (2q − 1)², so q = (1 + √κ)/2 (taking q ≥ ½).
        // Fleiss' κ over n annotators has the same expectation: its observed agreement is the share of annotator pairs
        // that agree, q² + (1 − q)² for every pair, and its pooled chance agreement is again ½.
        AgreementWithTruth = (1 + Math.Sqrt(targetKappa)) / 2;
    }

    public int Annotators { get; }
    public double TargetKappa { get; }
    public int Seed { get; }

    /// <summary>The probability q that an annotator prefers the truly better response.</summary>
    public double AgreementWithTruth { get; }

    /// <summary>Every pair of the gym, training then held out, annotated.</summary>
    public AnnotatedPairs Annotate(Gym gym)
    {
        var pairs = gym.Pairs();
        return Annotate(pairs.Train.Concat(pairs.HeldOut));
    }

    /// <summary>
    /// Each pair (chosen being the truly better response) shown as "a"/"b" in a seeded random order, then labelled by
    /// every annotator. The same seed gives the same orders and labels.
    /// </summary>
    public AnnotatedPairs Annotate(IEnumerable<PreferencePair> pairs)
    {
        var random = new Random(Seed);
        var items = pairs.Select(pair =>
        {
            var chosenIsA = random.Next(2) == 0;
            var truth = chosenIsA ? Preferred.A : Preferred.B;
            var labels = Enumerable.Range(0, Annotators)
                .Select(_ => random.NextDouble() < AgreementWithTruth ? truth : Other(truth)).ToList();
            return chosenIsA
                ? new AnnotatedPair(pair.Prompt, pair.Chosen, pair.Rejected, labels)
                : new AnnotatedPair(pair.Prompt, pair.Rejected, pair.Chosen, labels);
        }).ToList();
        return new AnnotatedPairs(Enumerable.Range(1, Annotators).Select(i => $"annotator-{i}").ToList(), items);
    }

    private static Preferred Other(Preferred label) => label == Preferred.A ? Preferred.B : Preferred.A;
}
