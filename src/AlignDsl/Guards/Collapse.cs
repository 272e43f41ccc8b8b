namespace AlignDsl.Guards;

/// <summary>
/// Collapse: the policy samples (nearly) one answer whatever it is asked. Seen as the mean entropy of the sampled tokens
/// under <see cref="GuardSettings.MinEntropy"/>, or the share of distinct answers in a rollout under
/// <see cref="GuardSettings.MinDistinctRatio"/>, over the last metrics read.
/// </summary>
public static class Collapse
{
    public static IEnumerable<GuardFinding> Check(IReadOnlyList<GuardReading> readings, GuardSettings settings)
    {
        if (readings.Count == 0) yield break;
        var latest = readings[^1];
        if (latest.Entropy is { } entropy && entropy < settings.MinEntropy)
            yield return new GuardFinding(GuardFinding.Collapse, "entropy", latest.Step, KlExplosion.Format(
                "Collapse at step {0}: the sampled tokens' entropy is {1:0.###} nats per token, under MinEntropy ({2}): the policy has stopped exploring. Raise KlCoefficient (β) or lower LearningRate.",
                latest.Step, entropy, settings.MinEntropy));
        if (latest.DistinctRatio is { } distinct && distinct < settings.MinDistinctRatio)
            yield return new GuardFinding(GuardFinding.Collapse, "distinct_ratio", latest.Step, KlExplosion.Format(
                "Collapse at step {0}: only {1:0.##} of a rollout's answers are distinct, under MinDistinctRatio ({2}): the policy gives the same answer to different prompts. Raise KlCoefficient (β) or check the reward for one answer it always prefers.",
                latest.Step, distinct, settings.MinDistinctRatio));
    }
}
