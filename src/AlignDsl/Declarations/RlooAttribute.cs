using AlignDsl.Declarations;

namespace AlignDsl;

/// <summary>
/// REINFORCE Leave-One-Out (Ahmadian et al., 2024): each step samples <see cref="Generations"/> answers per prompt and
/// scores them with a reward model or function, minus β times each answer's summed log π/π_ref; an answer's advantage is
/// its reward minus the mean reward of the other k − 1 answers to its prompt. The update clips the ratio of whole-answer
/// probabilities, as TRL's RLOO does. Resident: the policy, a frozen reference only when β &gt; 0, and the reward model if any.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RlooAttribute : Attribute
{
    /// <summary>Answers sampled per prompt (k): each answer's baseline is the other k − 1. At least 2.</summary>
    public int Generations { get; set; } = Defaults.RlooGenerations;

    /// <summary>β of the KL penalty subtracted from each answer's reward; 0 drops it and the reference with it.</summary>
    public double Beta { get; set; } = Defaults.RlooBeta;

    /// <summary>ε of the clipped ratio of whole-answer probabilities (TRL's <c>epsilon</c>).</summary>
    public double ClipRange { get; set; } = Defaults.RlooClipRange;

    /// <summary>Updates per rollout (TRL's <c>num_iterations</c>).</summary>
    public int Iterations { get; set; } = Defaults.RlooIterations;

    /// <summary>The longest answer a rollout samples.</summary>
    public int MaxNewTokens { get; set; } = Defaults.RlooMaxNewTokens;
}
