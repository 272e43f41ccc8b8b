namespace AlignDsl.Evaluation;

/// <summary>
/// How well predicted probabilities match outcomes, for binary predictions "the chosen answer wins" made with
/// probability p (a reward's σ(r_w − r_l)). Each prediction's confidence is max(p, 1 − p) and it is correct when
/// p &gt; ½; p = ½ predicts neither answer and counts as half correct, as ties do in preference accuracy.
/// Pure math on doubles, so it is testable without a model.
/// </summary>
public static class Calibration
{
    /// <summary>The usual number of equal-width confidence bins for ECE and reliability diagrams.</summary>
    public const int DefaultBins = 10;

    /// <summary>σ(x), without overflow for large |x|.</summary>
    public static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    public static double Confidence(double p) => Math.Max(p, 1 - p);

    /// <summary>1 when p predicts the chosen answer, 0 when it predicts the rejected one, ½ for p = ½.</summary>
    public static double Correctness(double p) => p > 0.5 ? 1 : p < 0.5 ? 0 : 0.5;

    /// <summary>
    /// The reliability diagram: <paramref name="bins"/> equal-width bins of confidence over [½, 1], where confidence can
    /// fall (the last bin closed, so confidence 1 counts), each with its predictions' count, mean confidence and accuracy;
    /// NaN for an empty bin.
    /// </summary>
    public static IReadOnlyList<ReliabilityBin> Reliability(IReadOnlyList<double> probabilities, int bins = DefaultBins)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bins);
        var members = Enumerable.Range(0, bins).Select(_ => new List<double>()).ToArray();
        foreach (var p in probabilities)
        {
            if (!double.IsFinite(p)) throw new ArgumentException($"A probability is {p}: every prediction must be a number in [0, 1].", nameof(probabilities));
            // The tolerance keeps a confidence on a bin edge (0.95 is 0.4499… above ½ in binary) in the bin it names.
            var bin = (int)Math.Floor((Confidence(p) - 0.5) * 2 * bins + 1e-9);
            members[Math.Clamp(bin, 0, bins - 1)].Add(p);
        }
        return members.Select((m, b) => new ReliabilityBin(
            0.5 + 0.5 * b / bins, 0.5 + 0.5 * (b + 1) / bins, m.Count,
            m.Count == 0 ? double.NaN : m.Average(Confidence),
            m.Count == 0 ? double.NaN : m.Average(Correctness))).ToList();
    }

    /// <summary>Expected calibration error: Σ over bins of (bin count / N)·|accuracy − mean confidence|; NaN for no predictions.</summary>
    public static double ExpectedCalibrationError(IReadOnlyList<double> probabilities, int bins = DefaultBins) =>
        probabilities.Count == 0 ? double.NaN
        : Reliability(probabilities, bins).Where(b => b.Count > 0)
            .Sum(b => (double)b.Count / probabilities.Count * Math.Abs(b.Accuracy - b.MeanConfidence));

    /// <summary>Brier score of predictions whose outcome is always "chosen wins": mean (p − 1)².</summary>
    public static double Brier(IReadOnlyList<double> probabilities) =>
        probabilities.Count == 0 ? double.NaN : probabilities.Average(p => (p - 1) * (p - 1));

    /// <summary>Mean −log p: the log loss of the predictions (infinite when some p is 0).</summary>
    public static double NegativeLogLikelihood(IReadOnlyList<double> probabilities) =>
        probabilities.Count == 0 ? double.NaN : probabilities.Average(p => -Math.Log(p));
}
