namespace AlignDsl.Data.Quality;

/// <summary>Which of the two responses an annotator preferred.</summary>
public enum Preferred { A, B }

/// <summary>Two responses to a prompt and each annotator's preference, in the order of <see cref="AnnotatedPairs.Annotators"/>.</summary>
public sealed record AnnotatedPair(string Prompt, string A, string B, IReadOnlyList<Preferred> Labels);

/// <summary>
/// Pairs labelled by the same annotators. Before training on their labels, measure how far the annotators agree
/// (<see cref="Agreement"/>); the labels train through <see cref="MajorityVote"/>.
/// </summary>
public sealed record AnnotatedPairs(IReadOnlyList<string> Annotators, IReadOnlyList<AnnotatedPair> Items)
{
    /// <summary>Cohen's κ for two annotators, Fleiss' κ for three or more, over every item.</summary>
    public AnnotationAgreement Agreement()
    {
        if (Annotators.Count < 2) throw new InvalidOperationException("Agreement needs at least 2 annotators.");
        var (kappa, kind) = Annotators.Count == 2
            ? (Kappa.Cohen(Items.Select(i => i.Labels[0]).ToList(), Items.Select(i => i.Labels[1]).ToList()), KappaKind.Cohen)
            : (Kappa.Fleiss(Items.Select(i => i.Labels).ToList()), KappaKind.Fleiss);
        return new AnnotationAgreement(kappa, kind, Annotators.Count, Items.Count, Items.Count(IsTie));
    }

    /// <summary>
    /// One preference pair per item, the response most annotators preferred chosen. Ties (as many for each response)
    /// carry no preference and are dropped; <see cref="AnnotationAgreement.TiesDropped"/> counts them.
    /// </summary>
    public IReadOnlyList<PreferencePair> MajorityVote() =>
        Items.Where(i => !IsTie(i)).Select(i => VotesForA(i) * 2 > i.Labels.Count
            ? new PreferencePair(i.Prompt, i.A, i.B)
            : new PreferencePair(i.Prompt, i.B, i.A)).ToList();

    private static int VotesForA(AnnotatedPair item) => item.Labels.Count(l => l == Preferred.A);

    private static bool IsTie(AnnotatedPair item) => VotesForA(item) * 2 == item.Labels.Count;
}
