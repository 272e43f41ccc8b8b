using AlignDsl.Checkpointing;
using AlignDsl.Evaluation;

namespace AlignDsl.Guards;

/// <summary>
/// The failure-mode guards bound to one run. The generated PPO loop calls <see cref="Check"/> after each step's
/// report and evaluation: it looks at what the run just read from the device (every LogEvery steps) and at any new
/// evaluation, and warns or halts for each signal that fires for the first time.
/// </summary>
public sealed class RunGuards
{
    private readonly RunContext _run;
    private readonly FailureModeGuards _guards;
    private int _observedRead = -1, _evaluationsSeen;

    internal RunGuards(RunContext run, GuardSettings settings)
    {
        _run = run;
        _guards = new FailureModeGuards(settings);
    }

    public GuardSettings Settings => _guards.Settings;

    /// <summary>Every signal that fired so far, in the order each first fired.</summary>
    public IReadOnlyList<GuardEvent> Events => _guards.Events;

    /// <summary>
    /// After step <paramref name="step"/>: checks the metrics read at this step (if it was a read) and every evaluation
    /// not yet seen. A signal firing for the first time is a warning, or with <see cref="GuardAction.Halt"/> a
    /// checkpoint of this step and a <see cref="GuardHaltException"/>.
    /// </summary>
    public void Check(int step, TrainingState state, int keepCheckpoints)
    {
        if (Settings.Action == GuardAction.Off) return;
        var reading = _run.LastReadStep == step && _observedRead != step ? GuardReading.From(step, _run.LatestMetrics) : null;
        foreach (var finding in Observe(reading, _run.Evaluations))
        {
            if (Settings.Action == GuardAction.Halt)
            {
                _run.SaveCheckpoint(step, state, keepCheckpoints);
                throw _run.HaltedByGuard(finding, CheckpointStore.Latest(_run.RunDirectory));
            }
            _run.Warn(finding.Message);
        }
    }

    /// <summary>
    /// For a resumed run: what the stopped run read before its checkpoint, in the order it read it, so windows and
    /// first firings continue as if it had never stopped. Nothing is warned again (the warnings came back with the checkpoint).
    /// </summary>
    internal void Replay(IEnumerable<GuardReading> readings, IReadOnlyList<EvalReport> evaluations)
    {
        foreach (var reading in readings) _ = Observe(reading, evaluations.Where(e => e.Step < reading.Step).ToList()).ToList();
        _ = Observe(null, evaluations).ToList();
    }

    internal GuardReport Report() => new(Settings, Events);

    /// <summary>Evaluations made before the reading's step come first, then the reading, then the evaluations at its step.</summary>
    private IEnumerable<GuardFinding> Observe(GuardReading? reading, IReadOnlyList<EvalReport> evaluations)
    {
        var fresh = evaluations.Skip(_evaluationsSeen).ToList();
        _evaluationsSeen = Math.Max(_evaluationsSeen, evaluations.Count);
        var findings = new List<GuardFinding>();
        foreach (var e in fresh.Where(e => reading is null || e.Step < reading.Step)) findings.AddRange(_guards.ObserveEvaluation(e.Step, e.Figures));
        if (reading is not null)
        {
            _observedRead = reading.Step;
            findings.AddRange(_guards.Observe(reading));
            foreach (var e in fresh.Where(e => e.Step >= reading.Step)) findings.AddRange(_guards.ObserveEvaluation(e.Step, e.Figures));
        }
        return findings;
    }
}

/// <summary>The guards' part of <c>summary.json</c> and <c>report.md</c>: the bounds and action, and every signal that fired.</summary>
public sealed record GuardReport(GuardSettings Settings, IReadOnlyList<GuardEvent> Events)
{
    public System.Text.Json.Nodes.JsonObject ToJson() => new()
    {
        ["action"] = Settings.Action.ToString().ToLowerInvariant(),
        ["bounds"] = new System.Text.Json.Nodes.JsonObject(Settings.Bounds().Select(b => KeyValuePair.Create(b.Name, (System.Text.Json.Nodes.JsonNode?)b.Value))),
        ["fired"] = new System.Text.Json.Nodes.JsonArray(Events.Select(e => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject
        {
            ["guard"] = e.First.Guard, ["signal"] = e.First.Signal, ["first_step"] = e.First.Step, ["last_step"] = e.LastStep,
            ["times"] = e.Count, ["message"] = e.First.Message,
        }).ToArray()),
    };
}
