using AlignDsl.Running;

namespace AlignDsl.Judging;

/// <summary>The judge a run's options ask for (<c>--judge gym|llm</c>).</summary>
public static class Judges
{
    public const string Gym = "gym";
    public const string Llm = "llm";

    public static IReadOnlyList<string> Names { get; } = [Gym, Llm];

    /// <summary>The gym's exact judge, or an LLM judge configured from the environment (see <see cref="LlmJudgeOptions.FromEnvironment"/>).</summary>
    /// <exception cref="InvalidOperationException">The LLM judge's environment variables are missing or malformed.</exception>
    /// <exception cref="ArgumentException">The judge name is neither gym nor llm.</exception>
    public static IJudge FromOptions(RunOptions options) => options.Judge.ToLowerInvariant() switch
    {
        Gym => GymJudge.Instance,
        Llm => new LlmJudge(LlmJudgeOptions.FromEnvironment().With(options.JudgeTimeoutSeconds, options.JudgeRetries, options.JudgeMaxReplyBytes)),
        _ => throw new ArgumentException($"Unknown judge '{options.Judge}': use {string.Join(" or ", Names)}.", nameof(options)),
    };
}
