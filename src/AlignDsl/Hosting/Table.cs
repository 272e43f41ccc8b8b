namespace AlignDsl.Hosting;

/// <summary>A plain-text table with aligned columns, for the console.</summary>
internal static class Table
{
    public static string Render(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = header.Select((_, c) => all.Max(r => c < r.Count ? r[c].Length : 0)).ToArray();
        string Line(IReadOnlyList<string> row) =>
            "  " + string.Join("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd();
        var rule = "  " + string.Join("  ", widths.Select(w => new string('─', w)));
        return string.Join(Environment.NewLine, new[] { Line(header), rule }.Concat(all.Skip(1).Select(Line)));
    }
}
