using AlignDsl.Evaluation;
using ScottPlot;

namespace AlignDsl.Reports;

/// <summary>
/// <c>eval.png</c>: every figure of every evaluation point by step, one panel per suite and one line per figure. Rates
/// and accuracies share the left axis, fixed to 0–1 so panels compare at a glance; other figures (margins, KL, lengths)
/// are dashed on a right axis of their own scale. Counts are left to the tables.
/// </summary>
internal static class EvalPlot
{
    public const string FileName = "eval.png";

    public static IReadOnlyList<Plot> Panels(IReadOnlyList<EvalReport> evaluations)
    {
        var (first, last) = (evaluations.Min(e => e.Step), evaluations.Max(e => e.Step));
        var panels = evaluations.SelectMany(e => e.Suites.Select(s => s.Suite)).Distinct().Select(suite => Panel(suite, evaluations)).ToList();
        // Every panel spans the whole run, so a suite that could not measure at some points still lines up with the others.
        var margin = Math.Max(1, last - first) * 0.04;
        foreach (var panel in panels) panel.Axes.SetLimitsX(first - margin, last + margin);
        return panels;
    }

    /// <summary>A share of something (ends in <c>rate</c> or <c>accuracy</c>), or a calibration score bounded by 0 and 1.</summary>
    public static bool IsRate(string figure) =>
        figure.EndsWith("rate", StringComparison.Ordinal) || figure.EndsWith("accuracy", StringComparison.Ordinal) || figure is "ece" or "brier";

    /// <summary>The counts behind a rate (win_rate_count, wins, ties, losses): in the report's tables, not worth a line.</summary>
    public static bool IsCount(string figure) => figure is "wins" or "ties" or "losses" || figure.EndsWith("_count", StringComparison.Ordinal);

    private static Plot Panel(string suite, IReadOnlyList<EvalReport> evaluations)
    {
        var results = evaluations.Select(e => (e.Step, Result: e.Suite(suite))).Where(r => r.Result is not null).ToList();
        var figures = results.SelectMany(r => r.Result!.Figures.Keys).Distinct().Where(f => !IsCount(f)).ToList();
        var hasRates = figures.Any(IsRate);
        var plot = Chart.Panel(suite, "step", figures.Count == 1 ? figures[0] : hasRates ? "rate" : "value");
        foreach (var figure in figures)
        {
            var line = Chart.Line(plot, figure, results.Select(r => ((double)r.Step, r.Result![figure] ?? double.NaN)));
            if (line is null || IsRate(figure) || !hasRates) continue;
            line.Axes.YAxis = plot.Axes.Right;
            line.LinePattern = LinePattern.Dashed;
            plot.Axes.Right.Label.Text = "value (dashed)";
        }
        if (hasRates) plot.Axes.SetLimitsY(-0.02, 1.02, plot.Axes.Left);
        return plot;
    }
}
