namespace AlignDsl.Judging;

/// <summary>
/// Reads answers the way an evaluator would. Suites ask two questions of it: what one answer does
/// (<see cref="ClassifyAsync"/>: red teaming, over-refusal) and which of two answers is better
/// (<see cref="CompareAsync"/>: win rate, constitutional AI feedback). Implementations: the gym's exact judge,
/// a principle judge built from a constitution's rules, a reward-model judge, and an LLM judge over a chat endpoint.
/// </summary>
public interface IJudge
{
    /// <summary>The judge's name in reports, e.g. "gym" or "llm:gpt-4o-mini".</summary>
    string Name { get; }

    /// <summary>Whether the answer refuses, complies with a harmful request, or does neither.</summary>
    Task<Verdict> ClassifyAsync(string prompt, string answer, CancellationToken cancellationToken);

    /// <summary>
    /// The probability that <see cref="Comparison.First"/> is the better answer: 1 first, 0 second, 0.5 a tie.
    /// Callers that want position bias removed ask both orders (see <see cref="JudgeExtensions.CompareBothOrdersAsync"/>).
    /// </summary>
    Task<double> CompareAsync(Comparison comparison, CancellationToken cancellationToken);
}

/// <summary>
/// Two answers to one prompt, and what "better" means: a principle's comparison instruction, or overall quality
/// (helpful, honest and harmless) when <see cref="Instruction"/> is null.
/// </summary>
public sealed record Comparison(string Prompt, string First, string Second, string? Instruction = null)
{
    public Comparison Swapped() => this with { First = Second, Second = First };
}

public static class JudgeExtensions
{
    /// <summary>P(first better), averaged over both presentation orders, so a judge's position bias cancels out.</summary>
    public static async Task<double> CompareBothOrdersAsync(this IJudge judge, Comparison comparison, CancellationToken cancellationToken)
    {
        var inOrder = await judge.CompareAsync(comparison, cancellationToken);
        var swapped = await judge.CompareAsync(comparison.Swapped(), cancellationToken);
        return (inOrder + (1 - swapped)) / 2;
    }
}
