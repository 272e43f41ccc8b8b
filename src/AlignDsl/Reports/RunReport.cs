using ScottPlot;

namespace AlignDsl.Reports;

/// <summary>
/// Writes <c>report.md</c> and its PNG figures into a run folder, from the folder's <c>metrics.jsonl</c> and the run's
/// result. Drawing is best effort: a figure that fails (no fonts, no native Skia, a malformed log) is named in the
/// report as skipped, and the run still finishes.
/// </summary>
public static class RunReport
{
    public const string FileName = "report.md";

    /// <returns>The path of <c>report.md</c>.</returns>
    public static string Write(string runDirectory, RunResult result, ExperimentDescriptor experiment, string? device = null)
    {
        var evaluations = new[] { result.Before }.Concat(result.During).Append(result.After).OrderBy(e => e.Step).ToList();
        var plots = new[]
        {
            Draw(runDirectory, TrainingPlot.FileName, "Training curves",
                () => TrainingPlot.Panels(TrainingHistory.Read(Path.Combine(runDirectory, TrainingHistory.FileName)))),
            Draw(runDirectory, EvalPlot.FileName, "Evaluations by step", () => EvalPlot.Panels(evaluations)),
            Draw(runDirectory, ReliabilityPlot.FileName, "Reliability diagram", () => ReliabilityPlot.Panels(result.Before, result.After)),
            Draw(runDirectory, FrontierPlot.FileName, "Reward vs KL", () => FrontierPlot.Panels(evaluations)),
        }.OfType<PlotOutcome>().ToList();
        var path = Path.Combine(runDirectory, FileName);
        File.WriteAllText(path, ReportMarkdown.Compose(result, experiment, device, plots));
        return path;
    }

    /// <summary>Draws one figure; null when there is nothing to draw.</summary>
    internal static PlotOutcome? Draw(string directory, string fileName, string title, Func<IReadOnlyList<Plot>> panels)
    {
        try
        {
            var drawn = panels();
            if (drawn.Count == 0) return null;
            Chart.Save(Path.Combine(directory, fileName), drawn);
            return new PlotOutcome(fileName, title);
        }
        catch (Exception e)
        {
            return new PlotOutcome(fileName, title, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
