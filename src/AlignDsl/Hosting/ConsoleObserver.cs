using System.Diagnostics;
using AlignDsl.Evaluation;
using AlignDsl.Reporting;

namespace AlignDsl.Hosting;

/// <summary>
/// Draws a run on the console: a live progress bar with step, loss and ETA on a terminal, or a line every tenth of
/// the run when the output is redirected (CI logs), plus each evaluation as it completes; reading and tokenizing a large
/// data file are drawn the same way, with rows per second.
/// </summary>
internal sealed class ConsoleObserver(TextWriter output, bool interactive) : IRunObserver
{
    private const int BarWidth = 28;
    private readonly Stopwatch _watch = new();
    private int _lastPrintedTenth = -1;
    private string _name = "";
    private string _progressTask = "";
    private int _progressTenth = -1;

    public void RunStarted(ExperimentDescriptor experiment, int steps, string runDirectory)
    {
        _name = experiment.Name;
        _lastPrintedTenth = -1;
        output.WriteLine($"▶ {experiment.Name}: {experiment.Objective.ToString().ToUpperInvariant()} for {steps} steps, models: {string.Join(", ", experiment.ResidentModels)}");
        _watch.Restart();
    }

    public void StepCompleted(int step, int steps, IReadOnlyDictionary<string, double> latest)
    {
        var fraction = (double)step / steps;
        var eta = step == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(_watch.Elapsed.TotalSeconds / step * (steps - step));
        var loss = latest.TryGetValue("loss", out var l) ? $"loss {l:F4}" : "loss   …   ";
        var filled = (int)Math.Round(fraction * BarWidth);
        var line = $"  {_name} {new string('━', filled)}{new string('─', BarWidth - filled)} {step,5}/{steps} {loss}  ETA {eta:mm\\:ss}";
        if (interactive)
        {
            output.Write("\r" + line);
            if (step == steps) output.WriteLine();
            return;
        }
        var tenth = (int)(fraction * 10);
        if (tenth != _lastPrintedTenth && (tenth > _lastPrintedTenth))
        {
            _lastPrintedTenth = tenth;
            output.WriteLine(line);
        }
    }

    public void EvaluationCompleted(EvalReport report)
    {
        if (interactive && report.Label.StartsWith("step", StringComparison.Ordinal)) output.WriteLine();
        output.WriteLine($"  eval {report.Label}: {string.Join(", ", report.Figures.Select(f => $"{f.Key} {f.Value:F3}"))}");
    }

    public void Status(string message) => output.WriteLine($"  · {message}");

    /// <summary>Data work: a line redrawn in place on a terminal; on a redirected output a line at each tenth done.</summary>
    public void Progress(DataProgress progress)
    {
        var filled = (int)Math.Round(progress.Fraction * BarWidth);
        var line = $"  {progress.Task} {new string('━', filled)}{new string('─', BarWidth - filled)} {progress.Fraction * 100,3:F0}% " +
                   $"{progress.Rows:N0} {progress.Unit}, {progress.RowsPerSecond:N0} {progress.Unit}/s";
        if (interactive)
        {
            output.Write("\r" + line);
            if (progress.Done) output.WriteLine();
            return;
        }
        if (progress.Task != _progressTask) (_progressTask, _progressTenth) = (progress.Task, -1);
        var tenth = (int)(progress.Fraction * 10);
        if (tenth <= _progressTenth) return;
        _progressTenth = tenth;
        output.WriteLine(line);
    }

    public void Warning(string message) => output.WriteLine($"  ⚠ warning: {message}");

    public void RunFinished(RunResult result) =>
        output.WriteLine($"✔ {result.Experiment} finished in {result.Seconds:F1} s ({result.TokensPerSecond:F0} tokens/s); run folder: {result.RunDirectory}");
}
