using System.Globalization;

namespace AlignDsl.Guards;

/// <summary>
/// KL explosion: the policy's KL to its reference above <see cref="GuardSettings.MaxKl"/>, or more than
/// <see cref="GuardSettings.KlGrowthFactor"/> times what it was <see cref="GuardSettings.Window"/> − 1 reads earlier.
/// A KL under 1 nat counts as 1 in the growth, so the climb from nearly 0 at the start of training is not an explosion.
/// </summary>
public static class KlExplosion
{
    private const double Floor = 1.0;

    public static IEnumerable<GuardFinding> Check(IReadOnlyList<GuardReading> readings, GuardSettings settings)
    {
        if (readings.Count == 0 || readings[^1] is not { Kl: { } kl } latest) yield break;
        if (kl > settings.MaxKl)
            yield return new GuardFinding(GuardFinding.KlExplosion, "max_kl", latest.Step, Format(
                "KL explosion at step {0}: the KL to the reference is {1:0.##} nats per answer, above MaxKl ({2}). Raise KlCoefficient (β) or lower LearningRate.",
                latest.Step, kl, settings.MaxKl));
        if (readings.Count < settings.Window || readings[^settings.Window] is not { Kl: { } earlier } start) yield break;
        var growth = kl / Math.Max(earlier, Floor);
        if (growth > settings.KlGrowthFactor)
            yield return new GuardFinding(GuardFinding.KlExplosion, "kl_growth", latest.Step, Format(
                "KL explosion at step {0}: the KL to the reference grew {1:0.#}-fold since step {2} ({3:0.##} → {4:0.##} nats per answer), more than KlGrowthFactor ({5}). Raise KlCoefficient (β) or lower LearningRate.",
                latest.Step, growth, start.Step, earlier, kl, settings.KlGrowthFactor));
    }

    internal static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
