namespace AlignDsl.Chat.Jinja;

/// <summary>
/// Cuts template text into text, expression and statement segments and applies whitespace control the way
/// Hugging Face configures Jinja for chat templates: <c>trim_blocks</c> (the newline after a statement or comment
/// tag goes), <c>lstrip_blocks</c> (spaces and tabs before one on its line go), and <c>-</c> inside a tag strips all
/// whitespace on that side.
/// </summary>
internal static class Splitter
{
    public static List<Segment> Split(string source)
    {
        var pieces = new List<(Segment Segment, bool StripBefore, bool StripAfter, bool Block, bool KeepIndent)>();
        var position = 0;
        while (position < source.Length)
        {
            var open = NextTag(source, position);
            if (open < 0)
            {
                pieces.Add((new Segment(SegmentKind.Text, source[position..], position), false, false, false, false));
                break;
            }
            if (open > position) pieces.Add((new Segment(SegmentKind.Text, source[position..open], position), false, false, false, false));
            var kind = source[open + 1];
            var close = kind switch { '{' => "}}", '%' => "%}", _ => "#}" };
            var contentStart = open + 2;
            var stripBefore = contentStart < source.Length && source[contentStart] == '-';
            var keepIndent = contentStart < source.Length && source[contentStart] == '+';
            if (stripBefore || keepIndent) contentStart++;
            var end = FindClose(source, contentStart, close, kind == '#');
            if (end < 0) throw new TemplateException($"'{source.Substring(open, 2)}' is never closed with '{close}'", SourcePosition.At(source, open));
            var stripAfter = end > contentStart && source[end - 1] == '-';
            var content = source[contentStart..(stripAfter ? end - 1 : end)];
            var segmentKind = kind switch { '{' => SegmentKind.Expression, '%' => SegmentKind.Statement, _ => SegmentKind.Text };
            // A comment leaves an empty text segment so that whitespace control around it still applies.
            pieces.Add((new Segment(segmentKind, kind == '#' ? "" : content, contentStart), stripBefore, stripAfter, kind != '{', keepIndent));
            position = end + 2;
        }

        var texts = pieces.Select(p => p.Segment.Kind == SegmentKind.Text && !p.Block ? p.Segment.Content : null).ToArray();
        for (var i = 0; i < pieces.Count; i++)
        {
            var (_, stripBefore, stripAfter, block, keepIndent) = pieces[i];
            if (texts[i] is not null) continue;
            if (i > 0 && texts[i - 1] is { } before)
            {
                if (stripBefore) texts[i - 1] = before.TrimEnd();
                else if (block && !keepIndent) texts[i - 1] = StripIndent(before, atTemplateStart: i - 1 == 0);
            }
            if (i + 1 < pieces.Count && texts[i + 1] is { } after)
            {
                if (stripAfter) texts[i + 1] = after.TrimStart();
                else if (block) texts[i + 1] = after.StartsWith("\r\n") ? after[2..] : after.StartsWith("\n") ? after[1..] : after;
            }
        }
        return pieces.Select((p, i) => texts[i] is { } text ? p.Segment with { Content = text } : p.Segment)
            .Where(s => !(s.Kind == SegmentKind.Text && s.Content.Length == 0)).ToList();
    }

    /// <summary>Drops trailing spaces and tabs when nothing else stands between the last newline and the tag.</summary>
    private static string StripIndent(string text, bool atTemplateStart)
    {
        var lineStart = text.LastIndexOf('\n') + 1;
        if (lineStart == 0 && !atTemplateStart) return text;
        return text.AsSpan(lineStart).Trim(" \t").IsEmpty ? text[..lineStart] : text;
    }

    private static int NextTag(string source, int from)
    {
        for (var i = from; i < source.Length - 1; i++)
            if (source[i] == '{' && source[i + 1] is '{' or '%' or '#') return i;
        return -1;
    }

    /// <summary>The closing delimiter, skipping string literals inside expressions and statements.</summary>
    private static int FindClose(string source, int from, string close, bool comment)
    {
        char? quote = null;
        for (var i = from; i < source.Length - 1; i++)
        {
            var c = source[i];
            if (quote is { } q)
            {
                if (c == '\\') i++;
                else if (c == q) quote = null;
            }
            else if (!comment && c is '\'' or '"') quote = c;
            else if (c == close[0] && source[i + 1] == close[1]) return i;
        }
        return -1;
    }
}
