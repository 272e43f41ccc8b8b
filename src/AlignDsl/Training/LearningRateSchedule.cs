namespace AlignDsl.Training;

/// <summary>Linear warm-up from 0 to the peak rate, then cosine decay to <see cref="FloorFraction"/> of it at the last step.</summary>
public sealed record LearningRateSchedule(double Peak, int WarmupSteps, int TotalSteps)
{
    public const double FloorFraction = 0.1;

    /// <summary>The rate for 1-based <paramref name="step"/>.</summary>
    public double At(int step)
    {
        if (WarmupSteps > 0 && step <= WarmupSteps) return Peak * step / WarmupSteps;
        var decaySteps = Math.Max(1, TotalSteps - WarmupSteps);
        var progress = Math.Clamp((double)(step - WarmupSteps) / decaySteps, 0, 1);
        return Peak * (FloorFraction + (1 - FloorFraction) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }
}
