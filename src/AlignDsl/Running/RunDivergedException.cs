namespace AlignDsl.Running;

/// <summary>
/// The loss or a gradient norm stopped being finite, or the trained weights are not finite: the run stops at once and
/// is kept, marked <c>diverged</c>, with its last good checkpoint. The host exits with <see cref="ExitCode"/>.
/// </summary>
public sealed class RunDivergedException(string message, int step, string? lastGoodCheckpoint) : Exception(message)
{
    /// <summary>The documented exit code of a diverged run.</summary>
    public const int ExitCode = 3;

    /// <summary>The first step whose loss or gradient norm was not finite.</summary>
    public int Step { get; } = step;

    public string? LastGoodCheckpoint { get; } = lastGoodCheckpoint;
}
