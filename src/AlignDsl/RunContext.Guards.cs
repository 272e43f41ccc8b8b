using AlignDsl.Evaluation;
using AlignDsl.Guards;
using AlignDsl.Reporting;

namespace AlignDsl;

/// <summary>The failure-mode guards' view of the run: what it read last, its evaluations, and how a guard halts it.</summary>
public sealed partial class RunContext
{
    private RunGuards? _guards;
    private int _lastReadStep = -1;
    private bool _haltedByGuard;

    /// <summary>
    /// PPO's failure-mode guards with the declared bounds. Call before <see cref="Resume"/>: a resumed run's guards then
    /// replay what the stopped run read before its checkpoint, so they continue as if it had never stopped.
    /// </summary>
    public RunGuards Guards(GuardSettings settings) => _guards = new RunGuards(this, settings);

    /// <summary>Called by <see cref="Resume"/> once <c>metrics.jsonl</c> is cut back and the evaluations restored.</summary>
    private void ReplayGuards() =>
        _guards?.Replay(RunLog.ReadTraining(Path.Combine(RunDirectory, RunLog.FileName)).Select(r => GuardReading.From(r.Step, r.Metrics)), _evaluations);

    /// <summary>The step whose metrics were last read from the device (-1 before the first read).</summary>
    internal int LastReadStep => _lastReadStep;

    internal IReadOnlyDictionary<string, double> LatestMetrics => _latest;

    internal IReadOnlyList<EvalReport> Evaluations => _evaluations;

    internal GuardHaltException HaltedByGuard(GuardFinding finding, string? checkpoint)
    {
        _haltedByGuard = true;
        _warnings.Add(finding.Message);
        return new GuardHaltException(finding, checkpoint);
    }
}
