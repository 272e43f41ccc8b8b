using System.Globalization;
using AlignDsl.Reports;
using ScottPlot;

namespace AlignDsl.Sweeps;

/// <summary>
/// A sweep's folder: <c>frontier.md</c>, a table of every member (its value, KL, rewards, preference accuracy, its run),
/// and <c>frontier.png</c>, every member on one reward–KL plane, one labelled point per value. The reward is the first of
/// <see cref="SweepMember.RewardFigures"/> that every member measured.
/// </summary>
public static class SweepReport
{
    public const string TableFile = "frontier.md", PlotFile = "frontier.png";

    /// <returns>The table, as written to <c>frontier.md</c>.</returns>
    public static string Write(string directory, string sweep, IReadOnlyList<SweepMember> members)
    {
        var setting = Setting(members);
        var reward = RewardFigure(members);
        var table = Table(members);
        // Drawing is best effort, as in a run's report: the table is the record.
        var drawn = RunReport.Draw(directory, PlotFile, $"{reward} against KL, one point per {setting}",
            () => Panel(members, reward) is { } panel ? [panel] : []);
        var plot = drawn is null ? "" : ReportMarkdown.Figure(drawn);
        var text = $"# Sweep {sweep}: {reward} against KL by {setting}" + Environment.NewLine + Environment.NewLine + plot + table;
        File.WriteAllText(Path.Combine(directory, TableFile), text);
        return table;
    }

    /// <summary>One row per member in the order of its value.</summary>
    public static string Table(IReadOnlyList<SweepMember> members)
    {
        var setting = Setting(members);
        var rows = members.OrderBy(m => m.Point.Value).Select(m => (IReadOnlyList<string>)
        [
            m.Point.Value.ToString("R", CultureInfo.InvariantCulture), Markdown.Number(m.Kl), Markdown.Number(m.After("win_rate")),
            Markdown.Number(m.After("preference_accuracy")), Markdown.Number(m.After("preference_margin")),
            Markdown.Number(m.Metric("objective/scores")), Markdown.Number(m.Metric("rewards/margins")), Markdown.Number(m.LogRatioMargin),
            Markdown.Number(m.After("mean_response_length")), m.Run.Experiment, Path.GetFileName(m.Run.RunDirectory),
        ]);
        // "training reward": what PPO was optimised for (objective/scores); the margins: the preference objectives' implicit reward;
        // the answer length: the KL suite's mean sampled answer in tokens, where a length hack shows.
        return Markdown.Table([setting, "KL", "win rate", "preference accuracy", "preference margin", "training reward", "implicit reward margin",
            "log-ratio margin", "answer length", "experiment", "run"], rows);
    }

    /// <summary>The swept setting's name, "value" for no members.</summary>
    private static string Setting(IReadOnlyList<SweepMember> members) => members.Count == 0 ? "value" : members[0].Point.Setting;

    /// <summary>The reward every member measured, best first; the last choice when none measured any.</summary>
    public static string RewardFigure(IReadOnlyList<SweepMember> members) =>
        SweepMember.RewardFigures.FirstOrDefault(f => members.Count > 0 && members.All(m => m.After(f) is not null)) ?? SweepMember.RewardFigures[^1];

    /// <summary>The frontier: null when no member has both a KL and the reward.</summary>
    internal static Plot? Panel(IReadOnlyList<SweepMember> members, string reward)
    {
        var points = members.Where(m => m.Kl is not null && m.After(reward) is not null).OrderBy(m => m.Kl).ToList();
        if (points.Count == 0) return null;
        var setting = points[0].Point.Setting;
        var plot = Chart.Panel($"Reward vs KL by {setting}", "KL to reference after training (nats)", reward);
        Chart.Line(plot, reward, points.Select(m => (m.Kl!.Value, m.After(reward)!.Value)));
        foreach (var m in points)
        {
            // The value alone: the title names the setting, and a long label would run off the right edge.
            var label = plot.Add.Text(m.Point.Value.ToString("R", CultureInfo.InvariantCulture), m.Kl!.Value, m.After(reward)!.Value);
            label.LabelFontSize = 11;
            label.OffsetX = 6;
        }
        plot.Axes.Margins(left: 0.05, right: 0.25, bottom: 0.1, top: 0.1);
        return plot;
    }
}
