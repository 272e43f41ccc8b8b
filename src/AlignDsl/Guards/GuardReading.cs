namespace AlignDsl.Guards;

/// <summary>
/// What the guards read at one metrics read (the means over the last LogEvery steps): the KL to the reference (nats per
/// answer), the reward model's or function's score, the sampled tokens' entropy (nats per token), the share of distinct answers and the
/// mean answer length in tokens. A figure the run does not log is null, and its checks are skipped.
/// </summary>
public sealed record GuardReading(int Step, double? Kl, double? Score, double? Entropy, double? DistinctRatio, double? ResponseLength)
{
    public const string KlMetric = "objective/kl", ScoreMetric = "objective/scores";

    /// <summary>The reading of one metrics read, by the names the PPO step logs.</summary>
    public static GuardReading From(int step, IReadOnlyDictionary<string, double> means)
    {
        double? Get(string name) => means.TryGetValue(name, out var value) && double.IsFinite(value) ? value : null;
        return new GuardReading(step, Get(KlMetric), Get(ScoreMetric), Get(RolloutFigures.TokenEntropy), Get(RolloutFigures.DistinctRatio),
            Get(RolloutFigures.ResponseLength));
    }
}
