using System.Globalization;

namespace AlignDsl.Hosting;

/// <summary>A run's evaluation before and after training, side by side, with the direction each figure should move.</summary>
internal static class ResultsTable
{
    /// <summary>Figures where lower is better.</summary>
    private static readonly HashSet<string> LowerIsBetter =
        ["attack_success_rate", "over_refusal_rate", "full_refusal_rate", "partial_refusal_rate", "unclassified_rate", "ece", "brier", "nll"];

    /// <summary>Figures with no better direction: a KL or a length is a cost or a description, a correlation is best near 0.</summary>
    private static readonly HashSet<string> Neutral = ["kl", "mean_response_length", "length_correlation", "preference_margin"];

    /// <summary>Counts behind a rate; the rate is in the table, the counts in summary.json.</summary>
    private static readonly HashSet<string> Counts = ["win_rate_count", "wins", "ties", "losses"];

    public static string Render(RunResult result)
    {
        var rows = result.After.Figures.Keys.Where(key => !Counts.Contains(key)).Select(key =>
        {
            var before = result.Before[key];
            var after = result.After[key]!.Value;
            var change = before is { } b ? after - b : double.NaN;
            var arrow = double.IsNaN(change) || Math.Abs(change) < 0.0005 ? "="
                : Neutral.Contains(key) ? ""
                // A suite's own figure is keyed "suite.figure" (red_team.unclassified_rate): its direction is the figure's.
                : (change < 0) == LowerIsBetter.Contains(key[(key.LastIndexOf('.') + 1)..]) ? "better" : "worse";
            return (IReadOnlyList<string>)[key, Format(before), Format(after), double.IsNaN(change) ? "" : change.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture), arrow];
        });
        var title = $"  {result.Experiment} ({result.Objective.ToString().ToUpperInvariant()}), {result.Steps} steps in {result.Seconds:F1} s";
        return title + Environment.NewLine + Table.Render(["figure", "before", "after", "change", ""], rows);
    }

    private static string Format(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "–";
}
