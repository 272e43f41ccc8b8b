using System.Diagnostics;
using AlignDsl.Evaluation;

namespace AlignDsl.Running;

/// <summary>
/// Collects the figures of one evaluation point as the generated harness calls each suite, and hands the
/// finished report to the run. Its time does not count as training time.
/// </summary>
public sealed class EvaluationPoint : IDisposable
{
    private readonly RunContext _run;
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly List<SuiteResult> _suites = [];
    private bool _completed;

    internal EvaluationPoint(RunContext run, string label, int step)
    {
        _run = run;
        Label = label;
        Step = step;
    }

    public string Label { get; }
    public int Step { get; }

    public void Add(SuiteResult result) => _suites.Add(result);

    public EvalReport Complete()
    {
        var report = new EvalReport(Label, Step, _suites);
        _run.RecordEvaluation(report, _watch.Elapsed);
        _completed = true;
        return report;
    }

    /// <summary>An evaluation left unfinished (Ctrl+C, SIGTERM) tells the run, which keeps the step it followed.</summary>
    public void Dispose()
    {
        _watch.Stop();
        if (!_completed) _run.EvaluationAbandoned(Step);
    }
}
