namespace AlignDsl;

/// <summary>What a failure-mode guard does when it fires (see <see cref="GuardsAttribute"/>).</summary>
public enum GuardAction
{
    /// <summary>Warn on the console, in <c>summary.json</c> and in <c>report.md</c>, and keep training.</summary>
    Warn,

    /// <summary>Stop the run at that step with a checkpoint of it, marked <c>halted_by_guard</c> (exit code 4).</summary>
    Halt,

    /// <summary>Do not watch: the guards are off.</summary>
    Off,
}
