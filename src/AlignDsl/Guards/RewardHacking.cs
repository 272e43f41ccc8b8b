namespace AlignDsl.Guards;

/// <summary>
/// Reward hacking: the reward rising while what it stands for does not. Seen at a metrics read as the reward higher than
/// <see cref="GuardSettings.Window"/> − 1 reads earlier while the mean answer has grown more than
/// <see cref="GuardSettings.MaxLengthGrowth"/>-fold since the first read; and at an evaluation as the reward higher than
/// at the previous evaluation while the held-out judge's win rate (or preference accuracy) fell by more than
/// <see cref="GuardSettings.MaxJudgeDrop"/>.
/// </summary>
public static class RewardHacking
{
    /// <summary>The judge's measures, in the order they are preferred when an evaluation has several.</summary>
    public static readonly string[] JudgeMeasures = ["win_rate", "preference_accuracy"];

    public static IEnumerable<GuardFinding> CheckLength(IReadOnlyList<GuardReading> readings, GuardSettings settings)
    {
        if (readings.Count < Math.Max(2, settings.Window)) yield break;
        GuardReading latest = readings[^1], start = readings[^settings.Window], first = readings[0];
        if (latest is not { Score: { } score, ResponseLength: { } length } || start.Score is not { } earlier || first.ResponseLength is not { } firstLength) yield break;
        if (score > earlier && length > settings.MaxLengthGrowth * Math.Max(firstLength, 1))
            yield return new GuardFinding(GuardFinding.RewardHacking, "length", latest.Step, KlExplosion.Format(
                "Reward hacking at step {0}: the reward rose from {1:0.###} (step {2}) to {3:0.###} while the mean answer grew from {4:0.#} tokens (step {5}) to {6:0.#}, more than MaxLengthGrowth ({7})-fold: the policy is being paid for length. Fix the reward, or raise KlCoefficient (β).",
                latest.Step, earlier, start.Step, score, firstLength, first.Step, length, settings.MaxLengthGrowth));
    }

    /// <summary>
    /// Compares the evaluation at <paramref name="step"/> with the previous one: <paramref name="measure"/> and
    /// <paramref name="previousMeasure"/> are the judge's figure at each, the rewards the newest reading at or before each
    /// (the first reading for the evaluation before training).
    /// </summary>
    public static IEnumerable<GuardFinding> CheckJudge(int previousStep, double previousMeasure, double? previousReward, int step, double measure,
        double? reward, string measureName, GuardSettings settings)
    {
        if (reward is not { } now || previousReward is not { } then) yield break;
        if (now > then && previousMeasure - measure > settings.MaxJudgeDrop)
            yield return new GuardFinding(GuardFinding.RewardHacking, "judge", step, KlExplosion.Format(
                "Reward hacking at step {0}: the reward rose from {1:0.###} to {2:0.###} since step {3} while the judge's {4} fell from {5:0.###} to {6:0.###}, by more than MaxJudgeDrop ({7}): the policy is exploiting its reward. Fix the reward, raise KlCoefficient (β), or keep an earlier checkpoint.",
                step, then, now, previousStep, measureName, previousMeasure, measure, settings.MaxJudgeDrop));
    }
}
