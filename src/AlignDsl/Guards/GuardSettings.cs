using AlignDsl.Declarations;

namespace AlignDsl.Guards;

/// <summary>
/// The bounds of the failure-mode guards, as declared with <c>[Guards]</c> (defaults folded in by the generator). See
/// <see cref="GuardsAttribute"/> for what each bound means.
/// </summary>
public sealed record GuardSettings
{
    public double MaxKl { get; init; } = Defaults.GuardMaxKl;
    public double KlGrowthFactor { get; init; } = Defaults.GuardKlGrowthFactor;
    public int Window { get; init; } = Defaults.GuardWindow;
    public double MinEntropy { get; init; } = Defaults.GuardMinEntropy;
    public double MinDistinctRatio { get; init; } = Defaults.GuardMinDistinctRatio;
    public double MaxLengthGrowth { get; init; } = Defaults.GuardMaxLengthGrowth;
    public double MaxJudgeDrop { get; init; } = Defaults.GuardMaxJudgeDrop;
    public GuardAction Action { get; init; } = Defaults.GuardAction;

    /// <summary>The bounds by name, for <c>summary.json</c> and <c>report.md</c>.</summary>
    public IEnumerable<(string Name, double Value)> Bounds() =>
    [
        (nameof(MaxKl), MaxKl), (nameof(KlGrowthFactor), KlGrowthFactor), (nameof(Window), Window), (nameof(MinEntropy), MinEntropy),
        (nameof(MinDistinctRatio), MinDistinctRatio), (nameof(MaxLengthGrowth), MaxLengthGrowth), (nameof(MaxJudgeDrop), MaxJudgeDrop),
    ];
}
