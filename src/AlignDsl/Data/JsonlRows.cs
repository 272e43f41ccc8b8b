using System.Collections;
using System.Text.Json;

namespace AlignDsl.Data;

/// <summary>
/// The rows of a large JSONL file, already checked line by line, left on disk: only each row's byte offset and line
/// number are kept, and every pass reads and parses the lines again. Tokenizing 200,000 pairs thus holds their token ids,
/// never their text. A file changed on disk after it was checked is an error rather than rows that were never checked.
/// </summary>
public sealed class JsonlRows<T> : IReadOnlyList<T>
{
    private readonly JsonlSource _source;
    private readonly Func<JsonElement, int, T> _parse;
    private readonly int _start;

    private JsonlRows(JsonlSource source, Func<JsonElement, int, T> parse, int start, int count)
    {
        _source = source;
        _parse = parse;
        _start = start;
        Count = count;
    }

    internal JsonlRows(string path, long[] offsets, int[] lines, Func<JsonElement, int, T> parse)
        : this(new JsonlSource(path, offsets, lines, Stamp(path)), parse, 0, offsets.Length) { }

    public string Path => _source.Path;

    public int Count { get; }

    /// <summary>One row, read from disk: cheap for a few rows, slow for every row (enumerate instead).</summary>
    public T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return Slice(index, 1).First();
        }
    }

    /// <summary>The rows from <paramref name="start"/> on, <paramref name="count"/> of them, still on disk.</summary>
    public JsonlRows<T> Slice(int start, int count)
    {
        if (start < 0 || count < 0 || start + count > Count) throw new ArgumentOutOfRangeException(nameof(start), $"rows {start}..{start + count} of {Count}");
        return new(_source, _parse, _start + start, count);
    }

    /// <summary>Each row turned into another as it is read (a chat template's rendering), still on disk.</summary>
    public JsonlRows<TResult> Map<TResult>(Func<T, TResult> map)
    {
        var parse = _parse;
        return new(_source, (obj, line) => map(parse(obj, line)), _start, Count);
    }

    public IEnumerator<T> GetEnumerator() => Lines().Select(l => Parse(l.Text, l.Line)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The rows' lines as text, in order, for callers that parse them on several threads with <see cref="Parse"/>.</summary>
    internal IEnumerable<(string Text, int Line)> Lines()
    {
        if (Count == 0) yield break;
        if (Stamp(Path) != _source.Stamp)
            throw new InvalidOperationException($"Data file '{Path}' changed on disk after it was checked: run again to read it afresh.");
        var left = Count;
        foreach (var (number, _, text) in Utf8Lines.ReadFrom(Path, _source.Offsets[_start], _source.Lines[_start]))
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            yield return (text, number);
            if (--left == 0) yield break;
        }
    }

    /// <summary>One line of the file as its row (the line was checked when the file was first read).</summary>
    internal T Parse(string text, int line)
    {
        using var document = JsonDocument.Parse(text);
        return _parse(document.RootElement, line);
    }

    private static (long Length, DateTime Written) Stamp(string path)
    {
        var info = new FileInfo(path);
        return (info.Length, info.LastWriteTimeUtc);
    }
}

/// <summary>A checked file's rows: where each starts and its line number, and the file's size and time when checked.</summary>
internal sealed record JsonlSource(string Path, long[] Offsets, int[] Lines, (long Length, DateTime Written) Stamp);
