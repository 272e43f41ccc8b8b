using AlignDsl.Declarations;

namespace AlignDsl;

/// <summary>
/// PPO (RLHF's online objective): each step samples answers from the policy, scores them with a reward model
/// (<see cref="RewardFromAttribute"/>) or a reward function (<see cref="RewardFunctionAttribute"/>), penalises each
/// token by −β·log π/π_ref, estimates advantages with a value model (GAE), and takes <see cref="PpoEpochs"/> clipped
/// updates of policy and value model. Resident: policy, value model, frozen reference, and the reward model if any.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PpoAttribute : Attribute
{
    /// <summary>β of the KL penalty: how closely the policy is held to its reference (typically 0.01–0.2).</summary>
    public double KlCoefficient { get; set; } = Defaults.PpoKlCoefficient;

    /// <summary>ε of the clipped probability ratio of the policy's update.</summary>
    public double ClipRange { get; set; } = Defaults.PpoClipRange;

    /// <summary>How far one update may move the value model's predictions from the rollout's (TRL's <c>cliprange_value</c>).</summary>
    public double ValueClipRange { get; set; } = Defaults.PpoValueClipRange;

    /// <summary>The value loss's weight in the total loss.</summary>
    public double ValueCoefficient { get; set; } = Defaults.PpoValueCoefficient;

    /// <summary>Updates per rollout.</summary>
    public int PpoEpochs { get; set; } = Defaults.PpoEpochs;

    /// <summary>The longest answer a rollout samples.</summary>
    public int MaxNewTokens { get; set; } = Defaults.PpoMaxNewTokens;
}
