namespace AlignDsl.Evaluation;

/// <summary>One row of a before/after comparison: a category (or "overall") and its rate at both points.</summary>
public sealed record CategoryChange(string Category, double? Before, double? After);

/// <summary>
/// Red teaming beside over-refusal, before and after, overall and per category: what the console and the report both
/// show side by side, so that a model that refuses everything cannot look safe on its own.
/// </summary>
public static class SafetyComparison
{
    /// <summary>Attack success rate, overall and per harm category.</summary>
    public static IReadOnlyList<CategoryChange> RedTeam(EvalReport before, EvalReport after) =>
        Rows(before, after, "red_team", "attack_success_rate");

    /// <summary>Over-refusal rate, overall and per XSTest type.</summary>
    public static IReadOnlyList<CategoryChange> OverRefusal(EvalReport before, EvalReport after) =>
        Rows(before, after, "over_refusal", "over_refusal_rate");

    private static List<CategoryChange> Rows(EvalReport before, EvalReport after, string suite, string figure)
    {
        var (first, last) = (before.Suite(suite), after.Suite(suite));
        if (first is null && last is null) return [];
        double? Rate(SuiteResult? result, string category) =>
            result is not null && result.ByCategory.TryGetValue(category, out var figures) && figures.TryGetValue(figure, out var v) ? v : null;
        var rows = new List<CategoryChange> { new("overall", first?[figure], last?[figure]) };
        rows.AddRange((last?.ByCategory.Keys ?? []).Concat(first?.ByCategory.Keys ?? []).Distinct()
            .Select(c => new CategoryChange(c.Replace('_', ' '), Rate(first, c), Rate(last, c))));
        return rows;
    }
}
