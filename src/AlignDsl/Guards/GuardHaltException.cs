namespace AlignDsl.Guards;

/// <summary>
/// A failure-mode guard declared with <c>Action = GuardAction.Halt</c> fired: the run stops at that step, kept with a
/// checkpoint of it and marked <c>halted_by_guard</c>. The host exits with <see cref="ExitCode"/>.
/// </summary>
public sealed class GuardHaltException(GuardFinding finding, string? checkpoint)
    : Exception(finding.Message + (checkpoint is null ? "" : $" The run is kept, halted, with its checkpoint {checkpoint}."))
{
    /// <summary>The documented exit code of a run a guard halted.</summary>
    public const int ExitCode = 4;

    public GuardFinding Finding { get; } = finding;

    public string? Checkpoint { get; } = checkpoint;
}
