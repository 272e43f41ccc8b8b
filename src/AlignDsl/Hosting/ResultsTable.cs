using System.Globalization;

namespace AlignDsl.Hosting;

/// <summary>A run's evaluation before and after training, side by side, with the direction each figure should move.</summary>
internal static class ResultsTable
{
    /// <summary>Figures where lower is better; the rest are better higher.</summary>
    private static readonly HashSet<string> LowerIsBetter = ["attack_success_rate", "over_refusal_rate"];

    public static string Render(RunResult result)
    {
        var rows = result.After.Figures.Keys.Select(key =>
        {
            var before = result.Before[key];
            var after = result.After[key]!.Value;
            var change = before is { } b ? after - b : double.NaN;
            var arrow = double.IsNaN(change) || Math.Abs(change) < 0.0005 ? "=" : (change < 0) == LowerIsBetter.Contains(key) ? "better" : "worse";
            return (IReadOnlyList<string>)[key, Format(before), Format(after), double.IsNaN(change) ? "" : change.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture), arrow];
        });
        var title = $"  {result.Experiment} ({result.Objective.ToString().ToUpperInvariant()}), {result.Steps} steps in {result.Seconds:F1} s";
        return title + Environment.NewLine + Table.Render(["figure", "before", "after", "change", ""], rows);
    }

    private static string Format(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "–";
}
