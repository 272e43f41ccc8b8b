namespace AlignDsl.Data;

/// <summary>
/// Rows that load but teach nothing, or the wrong thing: a pair whose chosen and rejected answers are the same (its loss
/// gradient is zero, or noise), and empty prompts or answers. Counted, so the run can warn with numbers.
/// </summary>
public static class DegenerateRows
{
    /// <summary>A warning naming the counts, or null when every row is sound.</summary>
    public static string? Warning<T>(string path, IReadOnlyList<T> rows)
    {
        int identical = 0, empty = 0;
        foreach (var row in rows)
        {
            var (fields, same) = row switch
            {
                PreferencePair p => (new[] { p.Prompt, p.Chosen, p.Rejected }, p.Chosen == p.Rejected),
                Demonstration d => (new[] { d.Prompt, d.Completion }, false),
                Feedback f => (new[] { f.Prompt, f.Completion }, false),
                string prompt => (new[] { prompt }, false),
                _ => (Array.Empty<string>(), false),
            };
            if (same) identical++;
            if (fields.Any(string.IsNullOrWhiteSpace)) empty++;
        }
        if (identical + empty == 0) return null;
        var parts = new List<string>();
        if (identical > 0) parts.Add($"{identical} pair(s) whose chosen and rejected answers are identical");
        if (empty > 0) parts.Add($"{empty} row(s) with an empty prompt or answer");
        return $"{path}: {string.Join(" and ", parts)} of {rows.Count}: they teach nothing; remove or fix them";
    }
}
