using AlignDsl.Declarations;

namespace AlignDsl;

/// <summary>
/// A Bradley–Terry reward model on pairs: −log σ(r_w − r_l − margin). Resident: the policy's body with a scalar head
/// on the last token; no LM head. Start it from an SFT policy with <c>[Policy(InitFrom = ...)]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RewardModelAttribute : Attribute
{
    /// <summary>A margin the chosen reward must clear (TRL's per-pair margin, here one constant).</summary>
    public double Margin { get; set; } = Defaults.RewardMargin;

    /// <summary>Coefficient of the reward-centring term c·mean((r_w + r_l)²); 0 for none.</summary>
    public double CenterRewards { get; set; } = Defaults.RewardCentering;

    /// <summary>
    /// Weighs each pair by its weight: the loss becomes Σ wᵢ·(−log σ(r_w − r_l − margin)) / Σ wᵢ over the batch. Pairs
    /// expanded from a k-wise ranking (<see cref="JsonlShape.Rankings"/>) weigh 1/C(k,2), so each ranked prompt counts
    /// once however many responses it had (InstructGPT's weighting); other pairs weigh 1. Off, every pair counts equally.
    /// </summary>
    public bool RankingWeights { get; set; }
}
