using AlignDsl.Declarations;

namespace AlignDsl;

/// <summary>
/// PPO (RLHF's online objective): each step samples answers from the policy, scores them with a reward model
/// (<see cref="RewardFromAttribute"/>) or a reward function (<see cref="RewardFunctionAttribute"/>), penalises each
/// token by −β·log π/π_ref, estimates advantages with a value model (GAE), and takes <see cref="PpoEpochs"/> passes of
/// <see cref="MiniBatches"/> clipped updates of policy and value model. Resident: policy, value model, frozen reference, and the reward model if any.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PpoAttribute : Attribute
{
    /// <summary>β of the KL penalty: how closely the policy is held to its reference (typically 0.01–0.2); with <see cref="TargetKl"/>, where the adaptive controller starts.</summary>
    public double KlCoefficient { get; set; } = Defaults.PpoKlCoefficient;

    /// <summary>ε of the clipped probability ratio of the policy's update.</summary>
    public double ClipRange { get; set; } = Defaults.PpoClipRange;

    /// <summary>How far one update may move the value model's predictions from the rollout's (TRL's <c>cliprange_value</c>).</summary>
    public double ValueClipRange { get; set; } = Defaults.PpoValueClipRange;

    /// <summary>The value loss's weight in the total loss.</summary>
    public double ValueCoefficient { get; set; } = Defaults.PpoValueCoefficient;

    /// <summary>Passes over each rollout (TRL's <c>num_ppo_epochs</c>).</summary>
    public int PpoEpochs { get; set; } = Defaults.PpoEpochs;

    /// <summary>The longest answer a rollout samples.</summary>
    public int MaxNewTokens { get; set; } = Defaults.PpoMaxNewTokens;

    /// <summary>Answers sampled to each prompt of a batch: a rollout holds BatchSize × RolloutsPerPrompt rows.</summary>
    public int RolloutsPerPrompt { get; set; } = Defaults.PpoRolloutsPerPrompt;

    /// <summary>
    /// Optimizer steps per epoch (TRL's <c>num_mini_batches</c>): each epoch shuffles the rollout's rows and updates on
    /// this many equal parts of them. It must divide BatchSize × RolloutsPerPrompt.
    /// </summary>
    public int MiniBatches { get; set; } = Defaults.PpoMiniBatches;

    /// <summary>Subtracted from the score of an answer cut at MaxNewTokens before it sampled end of sequence (TRL's <c>missing_eos_penalty</c>); 0: none.</summary>
    public double MissingEosPenalty { get; set; } = Defaults.PpoMissingEosPenalty;

    /// <summary>
    /// The KL to the reference (nats per answer) an adaptive controller steers β toward (Ziegler et al. 2019); 0 keeps β
    /// fixed at <see cref="KlCoefficient"/>, where the controller starts.
    /// </summary>
    public double TargetKl { get; set; } = Defaults.PpoTargetKl;

    /// <summary>How many sampled answers the controller takes to close its error: each step moves β by error × answers / KlHorizon.</summary>
    public int KlHorizon { get; set; } = Defaults.PpoKlHorizon;
}
