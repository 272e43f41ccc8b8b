using AlignDsl.Declarations;

namespace AlignDsl;

/// <summary>
/// The bounds of PPO's failure-mode guards, which watch every PPO run (declared or not) each time metrics are read and
/// at each evaluation: <b>KL explosion</b> (the KL to the reference above <see cref="MaxKl"/>, or growing more than
/// <see cref="KlGrowthFactor"/>-fold within <see cref="Window"/> reads), <b>reward hacking</b> (the reward rising while
/// the mean answer grows more than <see cref="MaxLengthGrowth"/>-fold, or while the held-out judge's win rate or
/// preference accuracy falls by more than <see cref="MaxJudgeDrop"/>) and <b>collapse</b> (the sampled tokens' entropy
/// under <see cref="MinEntropy"/>, or the share of distinct answers in a rollout under <see cref="MinDistinctRatio"/>).
/// A guard that fires warns or halts the run, as <see cref="Action"/> says.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GuardsAttribute : Attribute
{
    /// <summary>The largest KL to the reference, in nats per answer (the summed log π/π_ref of its tokens).</summary>
    public double MaxKl { get; set; } = Defaults.GuardMaxKl;

    /// <summary>How many times larger the KL may grow within <see cref="Window"/> reads (a KL under 1 nat counts as 1).</summary>
    public double KlGrowthFactor { get; set; } = Defaults.GuardKlGrowthFactor;

    /// <summary>How many metric reads (one every LogEvery steps) the growth and rising-reward checks look back over.</summary>
    public int Window { get; set; } = Defaults.GuardWindow;

    /// <summary>The lowest mean entropy of the sampled tokens, in nats per token.</summary>
    public double MinEntropy { get; set; } = Defaults.GuardMinEntropy;

    /// <summary>The lowest share of distinct answers in a rollout (1: every answer differs).</summary>
    public double MinDistinctRatio { get; set; } = Defaults.GuardMinDistinctRatio;

    /// <summary>How many times longer than at the first read the mean answer may grow while the reward rises.</summary>
    public double MaxLengthGrowth { get; set; } = Defaults.GuardMaxLengthGrowth;

    /// <summary>How far the judge's win rate (or preference accuracy) may fall between evaluations while the reward rises.</summary>
    public double MaxJudgeDrop { get; set; } = Defaults.GuardMaxJudgeDrop;

    public GuardAction Action { get; set; } = Defaults.GuardAction;
}
