using System.Globalization;
using System.Text;

namespace AlignDsl.Reports;

/// <summary>Markdown tables and the one number format the report uses (invariant culture; "–" where nothing was measured).</summary>
internal static class Markdown
{
    public const string Missing = "–";

    /// <summary>A pipe table; a column of numbers (after the first) is right-aligned.</summary>
    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var body = rows.ToList();
        bool Numeric(int column) => column > 0 && body.Any(r => r[column].Length > 0) &&
            body.All(r => r[column] is "" or Missing || double.TryParse(r[column], NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        var text = new StringBuilder();
        Row(text, header);
        Row(text, header.Select((_, i) => Numeric(i) ? "---:" : "---").ToList());
        foreach (var row in body) Row(text, row);
        return text.ToString();
    }

    /// <summary>Three significant decimals; a value too small for them in scientific notation.</summary>
    public static string Number(double? value) => value switch
    {
        null => Missing,
        { } v when !double.IsFinite(v) => Missing,
        { } v when v != 0 && Math.Abs(v) < 0.001 => v.ToString("0.##E+0", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.###", CultureInfo.InvariantCulture),
    };

    /// <summary><paramref name="after"/> − <paramref name="before"/>, signed; empty unless both were measured.</summary>
    public static string Change(double? before, double? after) =>
        before is { } b && after is { } a && double.IsFinite(b) && double.IsFinite(a)
            ? (a - b > 0 ? "+" : "") + Number(a - b)
            : "";

    public static string BeforeAfter(double? before, double? after) => $"{Number(before)} → {Number(after)}";

    private static void Row(StringBuilder text, IReadOnlyList<string> cells) =>
        text.Append("| ").AppendJoin(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))).AppendLine(" |");
}
