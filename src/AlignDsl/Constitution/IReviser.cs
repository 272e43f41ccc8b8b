namespace AlignDsl.Constitution;

/// <summary>
/// Critiques an answer by a principle and rewrites it (SL-CAI's critique and revision step). Implementations: the
/// gym's ground truth (<see cref="GymReviser"/>) and a chat model (<see cref="ChatReviser"/>).
/// </summary>
public interface IReviser
{
    Task<Revision> ReviseAsync(string prompt, string answer, Principle principle, CancellationToken cancellationToken);
}

/// <summary>What a reviser found wrong with an answer, and the answer rewritten (unchanged when nothing was wrong).</summary>
public sealed record Revision(string Critique, string Answer);
