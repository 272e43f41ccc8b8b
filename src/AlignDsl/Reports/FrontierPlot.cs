using AlignDsl.Evaluation;
using ScottPlot;

namespace AlignDsl.Reports;

/// <summary>
/// <c>frontier.png</c>: reward against KL to the reference at every evaluation point, the frontier view of the DPO paper
/// (a better objective reaches more reward for the same divergence). The reward is the win rate against the baseline
/// when measured, else the held-out preference margin. No figure when no evaluation has a <c>kl</c> figure.
/// </summary>
internal static class FrontierPlot
{
    public const string FileName = "frontier.png";

    public static IReadOnlyList<Plot> Panels(IReadOnlyList<EvalReport> evaluations)
    {
        if (!evaluations.Any(e => e["kl"] is not null)) return [];
        var reward = evaluations.Any(e => e["win_rate"] is not null) ? "win_rate" : "preference_margin";
        var points = evaluations.Where(e => e["kl"] is { } kl && double.IsFinite(kl) && e[reward] is { } r && double.IsFinite(r)).ToList();
        if (points.Count == 0) return [];
        var plot = Chart.Panel("Reward vs KL", "KL to reference (nats)", reward);
        Chart.Line(plot, reward, points.Select(e => (e["kl"]!.Value, e[reward]!.Value)));
        foreach (var point in points)
        {
            var label = plot.Add.Text(point.Label, point["kl"]!.Value, point[reward]!.Value);
            label.LabelFontSize = 11;
            label.OffsetX = 6;
        }
        // Room on the right for the last point's label.
        plot.Axes.Margins(left: 0.05, right: 0.2, bottom: 0.1, top: 0.1);
        return [plot];
    }
}
