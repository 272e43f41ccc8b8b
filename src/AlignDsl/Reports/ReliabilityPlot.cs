using System.Globalization;
using AlignDsl.Evaluation;
using ScottPlot;

namespace AlignDsl.Reports;

/// <summary>
/// <c>reliability.png</c>: for each suite of the after-evaluation that measures calibration, accuracy against mean
/// confidence per bin, beside the diagonal of a perfectly calibrated reward; the before-evaluation's bins, dashed, show
/// what training changed. Empty bins are left out. No figure when no suite has bins.
/// </summary>
internal static class ReliabilityPlot
{
    public const string FileName = "reliability.png";

    public static IReadOnlyList<Plot> Panels(EvalReport before, EvalReport after) =>
        after.Suites.Where(s => s.Reliability.Count > 0).Select(s => Panel(s, before.Suite(s.Suite))).ToList();

    private static Plot Panel(SuiteResult after, SuiteResult? before)
    {
        var ece = after["ece"] is { } e && double.IsFinite(e) ? $" (ECE {e.ToString("0.000", CultureInfo.InvariantCulture)})" : "";
        var plot = Chart.Panel($"Reliability: {after.Suite}{ece}", "mean confidence", "accuracy");
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LinePattern = LinePattern.Dotted;
        diagonal.Color = Colors.Gray;
        diagonal.LegendText = "perfectly calibrated";
        Chart.Line(plot, "after", Bins(after));
        if (before is { Reliability.Count: > 0 } && Chart.Line(plot, "before", Bins(before)) is { } beforeLine)
            beforeLine.LinePattern = LinePattern.Dashed;
        plot.Axes.SetLimits(0, 1, 0, 1);
        return plot;
    }

    private static IEnumerable<(double X, double Y)> Bins(SuiteResult suite) =>
        suite.Reliability.Where(b => b.Count > 0).Select(b => (b.MeanConfidence, b.Accuracy));
}
