using AlignDsl.Data;

namespace AlignDsl.Constitution;

/// <summary>One critique-and-revision round: the principle applied, what was found wrong, and the rewritten answer.</summary>
public sealed record RevisionRound(string PrincipleId, string Critique, string Revision);

/// <summary>
/// A prompt's answer from the policy through every round to the final revision: the final revision is the SFT
/// target, the rest is kept for provenance.
/// </summary>
public sealed record RevisionChain(string Prompt, string InitialAnswer, IReadOnlyList<RevisionRound> Rounds, string FinalAnswer);

public static class RevisionChains
{
    /// <summary>SFT data: each prompt with its final revision.</summary>
    public static IReadOnlyList<Demonstration> ToDemonstrations(this IEnumerable<RevisionChain> chains) =>
        chains.Select(c => new Demonstration(c.Prompt, c.FinalAnswer)).ToList();
}
