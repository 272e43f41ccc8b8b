namespace AlignDsl.Sweeps;

/// <summary>
/// One finished member of a sweep, as its frontier shows it: the KL to its reference after training (the
/// <c>KlDivergence</c> suite's, else the last logged <c>objective/kl</c>) and the figures a reward can be read from.
/// </summary>
public sealed record SweepMember(SweepPoint Point, RunResult Run)
{
    /// <summary>The rewards a frontier can use, best first: the judge's win rate against the reference (the gym's true
    /// score), then the held-out preference margin, then the preference accuracy.</summary>
    public static readonly IReadOnlyList<string> RewardFigures = ["win_rate", "preference_margin", "preference_accuracy"];

    public double? Kl => Finite(Run.After["kl"]) ?? Metric("objective/kl");

    /// <summary>
    /// For a sweep of β: the implicit reward margin β·(log-ratio margin) logged last, divided by β, so members compare by
    /// how far the policy moved the chosen answer's log-ratio above the rejected one's; null otherwise.
    /// </summary>
    public double? LogRatioMargin => Point.Setting == "Beta" && Metric("rewards/margins") is { } margin ? margin / Point.Value : null;

    /// <summary>An evaluation figure after training, or null when it was not measured.</summary>
    public double? After(string figure) => Finite(Run.After[figure]);

    /// <summary>The last logged value of a training metric (PPO's <c>objective/scores</c>: the reward it was optimised for).</summary>
    public double? Metric(string name) => Run.FinalMetrics.TryGetValue(name, out var value) ? Finite(value) : null;

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
