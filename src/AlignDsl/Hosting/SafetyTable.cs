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
        var redTeam = SafetyComparison.RedTeam(result.Before, result.After);
        var overRefusal = SafetyComparison.OverRefusal(result.Before, result.After);
        if (redTeam.Count == 0 && overRefusal.Count == 0) return null;
        var rows = Enumerable.Range(0, Math.Max(redTeam.Count, overRefusal.Count)).Select(i =>
        {
            var left = i < redTeam.Count ? (redTeam[i].Category, Change(redTeam[i])) : ("", "");
            var right = i < overRefusal.Count ? (overRefusal[i].Category, Change(overRefusal[i])) : ("", "");
            return (IReadOnlyList<string>)[left.Item1, left.Item2, "│", right.Item1, right.Item2];
        });
        return Table.Render(["harm category", "ASR before → after", "│", "safe prompt type", "over-refusal before → after"], rows);
    }

    private static string Change(CategoryChange row) => $"{Format(row.Before)} → {Format(row.After)}";

    private static string Format(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "–";
}
