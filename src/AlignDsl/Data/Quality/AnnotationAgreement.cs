using System.Globalization;

namespace AlignDsl.Data.Quality;

/// <summary>Which κ measured the agreement: Cohen's for exactly two annotators, Fleiss' for more.</summary>
public enum KappaKind { Cohen, Fleiss }

/// <summary>
/// How far the annotators of a file agree, and what the majority vote dropped: what <c>summary.json</c> reports as
/// <c>data_quality</c>.
/// </summary>
public sealed record AnnotationAgreement(double Kappa, KappaKind Kind, int Annotators, int Items, int TiesDropped)
{
    /// <summary>
    /// Below this κ labels are called noisy: Landis and Koch's "substantial" agreement starts above 0.6, and
    /// annotation guidelines commonly ask for it before training on the labels.
    /// </summary>
    public const double LowThreshold = 0.6;

    /// <summary>True when κ is under <see cref="LowThreshold"/>, or undefined.</summary>
    public bool IsLow => !(Kappa >= LowThreshold);

    /// <summary>"Cohen's κ = 0.41" or "Fleiss' κ = 0.72".</summary>
    public string Describe() => $"{(Kind == KappaKind.Cohen ? "Cohen's" : "Fleiss'")} κ = {Kappa.ToString("0.00", CultureInfo.InvariantCulture)}";

    /// <summary>The warning a run gives for this agreement on <paramref name="file"/>, or null when it is high enough.</summary>
    public string? Warning(string file)
    {
        if (double.IsNaN(Kappa))
            return $"{file}: annotator agreement cannot be measured ({(Kind == KappaKind.Cohen ? "Cohen's" : "Fleiss'")} κ is undefined: every label is the same response): " +
                   "put the better response under \"a\" or \"b\" at random, so that labels say which one was preferred rather than where it was.";
        if (!IsLow) return null;
        return $"{file}: annotator agreement is low ({Describe()} < {LowThreshold.ToString(CultureInfo.InvariantCulture)}): labels are noisy, and a reward model " +
               "trained on them learns the noise too. Adjudicate or relabel the items the annotators split on, tighten the labelling guidelines, " +
               $"or add annotators so the majority vote is surer ({TiesDropped} of {Items} items were ties and were dropped).";
    }
}
