namespace AlignDsl.Training;

/// <summary>
/// Linear warm-up to the peak rate over <see cref="WarmupSteps"/>, then cosine decay from the peak (first step after
/// warm-up) to <see cref="FloorFraction"/> of it (the last step).
/// </summary>
public sealed record LearningRateSchedule(double Peak, int WarmupSteps, int TotalSteps)
{
    public const double FloorFraction = 0.1;

    /// <summary>The rate for 1-based <paramref name="step"/>.</summary>
    public double At(int step)
    {
        if (WarmupSteps > 0 && step <= WarmupSteps) return Peak * step / WarmupSteps;
        var decaySteps = Math.Max(1, TotalSteps - WarmupSteps - 1);
        var progress = Math.Clamp((double)(step - WarmupSteps - 1) / decaySteps, 0, 1);
        return Peak * (FloorFraction + (1 - FloorFraction) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }
}
