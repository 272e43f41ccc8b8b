using AlignDsl.Declarations;

namespace AlignDsl;

/// <summary>
/// Group Relative Policy Optimisation (DeepSeekMath): each step samples <see cref="Generations"/> answers per prompt,
/// scores them with a reward model (<see cref="RewardFromAttribute"/>) or function (<see cref="RewardFunctionAttribute"/>),
/// and takes each answer's advantage relative to its group, (r − mean) / (std + ε), instead of from a value model.
/// The update is PPO's clipped ratio per token plus β times a k3 estimate of the KL to the reference. Resident: the
/// policy, a frozen reference only when β &gt; 0, and the reward model if any.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrpoAttribute : Attribute
{
    /// <summary>Answers sampled per prompt (G): the group each answer is compared with. At least 2.</summary>
    public int Generations { get; set; } = Defaults.GrpoGenerations;

    /// <summary>β of the KL term to the reference; 0 (TRL's default) drops the term and the reference with it.</summary>
    public double Beta { get; set; } = Defaults.GrpoBeta;

    /// <summary>ε of the clipped probability ratio (TRL's <c>epsilon</c>).</summary>
    public double ClipRange { get; set; } = Defaults.GrpoClipRange;

    /// <summary>Updates per rollout (TRL's <c>num_iterations</c>, μ in the paper); with 1 the ratio is always 1 and nothing is clipped.</summary>
    public int Iterations { get; set; } = Defaults.GrpoIterations;

    /// <summary>The paper's normalised advantages and per-answer loss mean, or Dr. GRPO's unscaled advantages and constant normaliser.</summary>
    public GrpoLoss Loss { get; set; } = GrpoLoss.Grpo;

    /// <summary>The longest answer a rollout samples.</summary>
    public int MaxNewTokens { get; set; } = Defaults.GrpoMaxNewTokens;
}

/// <summary>How GRPO scales its advantages and averages its per-token losses.</summary>
public enum GrpoLoss
{
    /// <summary>The paper's: advantages (r − mean) / (std + ε) per group; each answer's tokens averaged, then the answers.</summary>
    Grpo,

    /// <summary>
    /// Dr. GRPO ("Understanding R1-Zero-Like Training"): advantages r − mean, unscaled (no difficulty bias from the std);
    /// the per-token losses summed and divided by a constant, answers × MaxNewTokens (no length bias). TRL's
    /// <c>scale_rewards="none"</c> with <c>loss_type="dr_grpo"</c>.
    /// </summary>
    DrGrpo,
}
