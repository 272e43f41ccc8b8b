using System.Globalization;
using AlignDsl.Evaluation;

namespace AlignDsl.Hosting;

/// <summary>
/// Red teaming and over-refusal side by side, per category, before → after: a model that refuses everything has an
/// attack success rate of 0, and only the column beside it shows what that cost.
/// </summary>
internal static class SafetyTable
{
    public static string? Render(RunResult result)
    {
        var redTeam = Rows(result, "red_team", "attack_success_rate");
        var overRefusal = Rows(result, "over_refusal", "over_refusal_rate");
        if (redTeam.Count == 0 && overRefusal.Count == 0) return null;
        var rows = Enumerable.Range(0, Math.Max(redTeam.Count, overRefusal.Count)).Select(i =>
        {
            var left = i < redTeam.Count ? redTeam[i] : ("", "");
            var right = i < overRefusal.Count ? overRefusal[i] : ("", "");
            return (IReadOnlyList<string>)[left.Item1, left.Item2, "│", right.Item1, right.Item2];
        });
        return Table.Render(["harm category", "ASR before → after", "│", "safe prompt type", "over-refusal before → after"], rows);
    }

    /// <summary>"overall" first, then each category, with the figure before and after.</summary>
    private static List<(string, string)> Rows(RunResult result, string suite, string figure)
    {
        if (result.After.Suite(suite) is not { } after) return [];
        var before = result.Before.Suite(suite);
        var rows = new List<(string, string)> { ("overall", Change(before?[figure], after[figure])) };
        foreach (var (category, figures) in after.ByCategory)
        {
            var old = before is not null && before.ByCategory.TryGetValue(category, out var b) && b.TryGetValue(figure, out var v) ? v : (double?)null;
            rows.Add((category.Replace('_', ' '), Change(old, figures.TryGetValue(figure, out var a) ? a : null)));
        }
        return rows;
    }

    private static string Change(double? before, double? after) => $"{Format(before)} → {Format(after)}";

    private static string Format(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "–";
}
