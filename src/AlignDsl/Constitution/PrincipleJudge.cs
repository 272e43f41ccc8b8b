using AlignDsl.Judging;

namespace AlignDsl.Constitution;

/// <summary>
/// A judge that reads a constitution's rules instead of the text's meaning: an answer scores +1 for each of the
/// principle's <see cref="Principle.Prefer"/> phrases it contains and −1 for each <see cref="Principle.Avoid"/>
/// phrase. Exact and free, so AI feedback can be tested and run offline; an LLM judge replaces it for real models.
/// </summary>
public sealed class PrincipleJudge(Constitution constitution) : IJudge
{
    public Constitution Constitution { get; } = constitution ?? throw new ArgumentNullException(nameof(constitution));

    public string Name => "principles";

    /// <summary>
    /// Compares by the principle the instruction names (its comparison instruction, or its id); with no instruction,
    /// by all principles, weighted. 1 when the first answer scores higher, 0 when lower, 0.5 on a tie.
    /// </summary>
    public Task<double> CompareAsync(Comparison comparison, CancellationToken cancellationToken)
    {
        var principle = comparison.Instruction is null ? null : PrincipleFor(comparison.Instruction);
        double ScoreOf(string answer) => principle is null ? Score(answer) : Score(principle, answer);
        var (first, second) = (ScoreOf(comparison.First), ScoreOf(comparison.Second));
        return Task.FromResult(first > second ? 1.0 : first < second ? 0.0 : 0.5);
    }

    /// <summary>Phrase rules cannot tell a refusal from compliance with a harmful request.</summary>
    public Task<Verdict> ClassifyAsync(string prompt, string answer, CancellationToken cancellationToken) =>
        Task.FromException<Verdict>(new NotSupportedException(
            "The principle judge only compares answers by its constitution's rules; it cannot classify one. Use the gym judge or an LLM judge for red teaming and over-refusal."));

    /// <summary>One answer by one principle: +1 per preferred phrase present, −1 per avoided phrase present.</summary>
    public static double Score(Principle principle, string answer) =>
        principle.Prefer.Count(p => Contains(answer, p)) - principle.Avoid.Count(p => Contains(answer, p));

    /// <summary>One answer by all principles, each score times its weight.</summary>
    public double Score(string answer) => Constitution.Principles.Sum(p => p.Weight * Score(p, answer));

    private Principle PrincipleFor(string instruction) =>
        Constitution.Principles.FirstOrDefault(p => p.ComparisonInstruction == instruction)
        ?? Constitution.Find(instruction)
        ?? throw new ArgumentException(
            $"No principle of the constitution has the comparison instruction or id '{instruction}'; the principle judge knows only its own principles ({string.Join(", ", Constitution.Principles.Select(p => p.Id))}).",
            nameof(instruction));

    private static bool Contains(string answer, string phrase) => answer.Contains(phrase, StringComparison.OrdinalIgnoreCase);
}
