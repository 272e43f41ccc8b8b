using System.Text;

namespace AlignDsl.Testing;

/// <summary>A unified-style line diff: '-' lines of the verified text, '+' lines of the received text, with line numbers.</summary>
internal static class LineDiff
{
    /// <summary>How many differing lines are shown before the diff is cut short.</summary>
    public const int MaxChangedLines = 40;

    private const int Context = 2;
    private const long MaxTableCells = 4_000_000;

    private readonly record struct Edit(char Kind, int A, int B, string Line);

    /// <summary>Renders the diff from <paramref name="verified"/> to <paramref name="received"/>; <see langword="null"/> means no file.</summary>
    public static string Render(string? verified, string? received)
    {
        var edits = Edits(Lines(verified), Lines(received));
        var text = new StringBuilder();
        text.Append(verified is null ? "--- verified (no file)\n" : "--- verified\n");
        text.Append(received is null ? "+++ received (nothing)\n" : "+++ received\n");

        int shown = 0, next = 0;
        while (shown < MaxChangedLines && edits.FindIndex(next, e => e.Kind != ' ') is var first and >= 0)
        {
            var start = Math.Max(next, first - Context);
            var stop = HunkEnd(edits, first, MaxChangedLines - shown, out var changes);
            AppendHunk(text, edits, start, stop);
            shown += changes;
            next = stop;
        }

        var total = edits.Count(e => e.Kind != ' ');
        if (total > shown)
        {
            text.Append($"... {total - shown} more differing line(s) not shown\n");
        }

        return text.ToString();
    }

    private static string[] Lines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.TrimEnd('\n').Split('\n');

    // The hunk runs past its last shown change by up to Context equal lines, and joins changes closer than 2 * Context lines.
    private static int HunkEnd(List<Edit> edits, int first, int budget, out int changes)
    {
        changes = 0;
        var last = first;
        for (var i = first; i < edits.Count && i - last <= 2 * Context && changes < budget; i++)
        {
            if (edits[i].Kind != ' ')
            {
                last = i;
                changes++;
            }
        }

        var end = last + 1;
        while (end < edits.Count && end <= last + Context && edits[end].Kind == ' ')
        {
            end++;
        }

        return end;
    }

    private static void AppendHunk(StringBuilder text, List<Edit> edits, int start, int stop)
    {
        var hunk = edits.GetRange(start, stop - start);
        var aCount = hunk.Count(e => e.Kind != '+');
        var bCount = hunk.Count(e => e.Kind != '-');
        text.Append($"@@ -{hunk[0].A + 1},{aCount} +{hunk[0].B + 1},{bCount} @@\n");
        foreach (var e in hunk)
        {
            var number = e.Kind == '+' ? e.B + 1 : e.A + 1;
            text.Append($"{e.Kind}{number,5}: {e.Line}\n");
        }
    }

    // Common prefix and suffix are kept as they are; the middle is aligned by a longest common subsequence
    // when it is small enough, and otherwise shown as removed then added.
    private static List<Edit> Edits(string[] a, string[] b)
    {
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
        {
            suffix++;
        }

        var edits = new List<Edit>(a.Length + b.Length);
        for (var i = 0; i < prefix; i++)
        {
            edits.Add(new Edit(' ', i, i, a[i]));
        }

        AlignMiddle(edits, a, b, prefix, a.Length - suffix, b.Length - suffix);
        for (var k = suffix; k > 0; k--)
        {
            edits.Add(new Edit(' ', a.Length - k, b.Length - k, a[^k]));
        }

        return edits;
    }

    private static void AlignMiddle(List<Edit> edits, string[] a, string[] b, int from, int aEnd, int bEnd)
    {
        int n = aEnd - from, m = bEnd - from;
        if ((long)n * m > MaxTableCells)
        {
            for (var i = from; i < aEnd; i++)
            {
                edits.Add(new Edit('-', i, from, a[i]));
            }

            for (var j = from; j < bEnd; j++)
            {
                edits.Add(new Edit('+', aEnd, j, b[j]));
            }

            return;
        }

        // lcs[i, j]: length of the longest common subsequence of a[from + i ..] and b[from + j ..].
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lcs[i, j] = a[from + i] == b[from + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[from + x] == b[from + y])
            {
                edits.Add(new Edit(' ', from + x, from + y, a[from + x]));
                x++;
                y++;
            }
            else if (y == m || (x < n && lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                edits.Add(new Edit('-', from + x, from + y, a[from + x]));
                x++;
            }
            else
            {
                edits.Add(new Edit('+', from + x, from + y, b[from + y]));
                y++;
            }
        }
    }
}
