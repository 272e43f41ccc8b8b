namespace AlignDsl.Rules;

/// <summary>
/// The checks on a constitution, shared by the generator (on <c>[Principle]</c> and <c>[FromConstitution]</c>) and the
/// builder at run time, so both say the same thing.
/// </summary>
public static class ConstitutionRules
{
    /// <summary>The violations of each principle, with the principle's index so a caller can point at it.</summary>
    public static IEnumerable<(int Index, RuleViolation Violation)> CheckPrinciples(string experiment, IReadOnlyList<(string? Id, string? Text)> principles)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < principles.Count; i++)
        {
            var (id, text) = principles[i];
            if (string.IsNullOrWhiteSpace(id)) yield return (i, new RuleViolation(RuleBook.EmptyPrinciple, "Id", experiment, "id"));
            else if (!seen.Add(id!)) yield return (i, new RuleViolation(RuleBook.DuplicatePrincipleId, "Id", id!, experiment));
            if (string.IsNullOrWhiteSpace(text)) yield return (i, new RuleViolation(RuleBook.EmptyPrinciple, "Text", experiment, "text"));
        }
    }

    /// <summary>
    /// The principle judge compares answers by the principles' phrases, so some principle needs one; and it labels pairs,
    /// so the objective must train on pairs (critique and revision needs a reviser, not a judge).
    /// </summary>
    public static IEnumerable<RuleViolation> CheckPrincipleJudge(string experiment, bool anyPhraseRules, bool trainsOnPairs)
    {
        if (!trainsOnPairs)
            yield return new RuleViolation(RuleBook.PrincipleJudgeCannotLabel, "Judge", experiment, "critique and revision (SFT) revises answers and needs no judge: remove Judge");
        else if (!anyPhraseRules)
            yield return new RuleViolation(RuleBook.PrincipleJudgeCannotLabel, "Judge", experiment, "no principle declares Prefer or Avoid phrases, so every comparison would tie: add them, or label with the run's judge");
    }

    /// <summary>Constitutional data needs principles to apply and a trained policy to sample answers from.</summary>
    public static IEnumerable<RuleViolation> CheckFeedbackSource(string experiment, int principles, bool hasTrainedPolicy)
    {
        if (principles == 0) yield return new RuleViolation(RuleBook.ConstitutionWithoutPrinciples, "Principle", experiment);
        if (!hasTrainedPolicy) yield return new RuleViolation(RuleBook.ConstitutionNeedsPolicy, "InitFrom", experiment);
    }
}
