using System.Text.Json;
using AlignDsl.Data.Conversations;
using AlignDsl.Data.Quality;
using AlignDsl.Reporting;

namespace AlignDsl.Data;

/// <summary>
/// Reads JSONL in TRL's conventions. Every line is checked before anything is returned, so bad input fails
/// the run before it starts, with the file, line and field named.
/// </summary>
public static class JsonlReader
{
    // Pairs, demonstrations, prompts and feedback accept every TRL shape that carries them, standard or conversational
    // (Data/Conversations); conversations are rendered in the gym's "user: …\nassistant: …" format.
    // A file of StreamFromBytes or more is returned as JsonlRows, left on disk once checked; a smaller one as a list.
    public static IReadOnlyList<PreferencePair> ReadPairs(string path) => ReadPairsOrStream(path, StreamFromBytes);

    public static IReadOnlyList<Demonstration> ReadDemonstrations(string path) => ReadDemonstrationsOrStream(path, StreamFromBytes);

    /// <summary>Prompts alone, <c>{"prompt"}</c>: an online objective samples its own answers.</summary>
    public static IReadOnlyList<string> ReadPrompts(string path) =>
        Read(path, (obj, line) => ConversationalJsonl.ParseLine(obj, path, line, DataFamily.Prompts, (f, e) => f.ToPrompt(e)));

    /// <summary>Unpaired feedback: <c>{"prompt","completion","label"}</c> with a boolean label (true = desirable).</summary>
    public static IReadOnlyList<Feedback> ReadFeedback(string path) => ReadFeedbackOrStream(path, StreamFromBytes);

    /// <summary>Files from this size on are left on disk once checked (<see cref="JsonlRows{T}"/>): their text is not held while training.</summary>
    public const long StreamFromBytes = 1L << 20;

    internal static IReadOnlyList<PreferencePair> ReadPairsOrStream(string path, long streamFromBytes) =>
        Read(path, (obj, line) => ConversationalJsonl.ParseLine(obj, path, line, DataFamily.Pairs, (f, e) => f.ToPair(e)), streamFromBytes);

    internal static IReadOnlyList<Demonstration> ReadDemonstrationsOrStream(string path, long streamFromBytes) =>
        Read(path, (obj, line) => ConversationalJsonl.ParseLine(obj, path, line, DataFamily.Demonstrations, (f, e) => f.ToDemonstration(e)), streamFromBytes);

    internal static IReadOnlyList<Feedback> ReadFeedbackOrStream(string path, long streamFromBytes) =>
        Read(path, (obj, line) => ConversationalJsonl.ParseLine(obj, path, line, DataFamily.Feedback, (f, e) => f.ToFeedback(e)), streamFromBytes);

    /// <summary>
    /// k-wise rankings, <c>{"prompt","responses":[k strings],"ranking":[indices, best first]}</c>, each expanded to its
    /// C(k,2) preference pairs weighted 1/C(k,2) (<see cref="RankedResponses.ToPairs"/>).
    /// </summary>
    public static IReadOnlyList<PreferencePair> ReadRankings(string path) => ReadRankedResponses(path).SelectMany(r => r.ToPairs()).ToList();

    /// <summary>
    /// Rankings split as <see cref="ReadSplit{T}"/> splits lines, then expanded: a prompt's pairs stay on one side.
    /// </summary>
    public static Split<PreferencePair> ReadRankingSplit(string path, string? heldOutPath)
    {
        var rankings = ReadSplit(path, heldOutPath, ReadRankedResponses);
        return new Split<PreferencePair>(rankings.Train.SelectMany(r => r.ToPairs()).ToList(), rankings.HeldOut.SelectMany(r => r.ToPairs()).ToList());
    }

    /// <summary>k-wise rankings as written, checked: at least 2 string responses, and a ranking that is a permutation of their indices.</summary>
    public static IReadOnlyList<RankedResponses> ReadRankedResponses(string path) =>
        Read(path, (obj, line) =>
        {
            var prompt = Field(obj, "prompt", path, line);
            var responses = Strings(obj, "responses", path, line);
            if (responses.Count < 2) throw new DataFormatException(path, line, "responses", $"a ranking needs at least 2 responses, found {responses.Count}");
            var ranking = Indices(obj, "ranking", path, line);
            if (RankedResponses.Problem(responses.Count, ranking) is { } problem) throw new DataFormatException(path, line, "ranking", problem);
            return new RankedResponses(prompt, responses, ranking);
        });

    /// <summary>
    /// Pairs labelled by several annotators, <c>{"prompt","a","b","labels":{"&lt;annotator&gt;":"a"|"b",...}}</c>. Every
    /// line must be labelled by the same annotators (at least 2), the set the first line names.
    /// </summary>
    public static AnnotatedPairs ReadAnnotated(string path)
    {
        IReadOnlyList<string>? annotators = null;
        var items = Read(path, (obj, line) =>
        {
            var prompt = Field(obj, "prompt", path, line);
            var a = Field(obj, "a", path, line);
            var b = Field(obj, "b", path, line);
            var labels = Labels(obj, path, line);
            if (annotators is null)
            {
                if (labels.Count < 2)
                    throw new DataFormatException(path, line, "labels", $"{labels.Count} annotator(s): agreement needs at least 2 (declare singly labelled data as Shape = JsonlShape.Pairs)");
                annotators = labels.Keys.ToList();
            }
            else if (labels.Count != annotators.Count || !annotators.All(labels.ContainsKey))
            {
                throw new DataFormatException(path, line, "labels",
                    $"annotators {{{string.Join(", ", labels.Keys)}}} differ from the first line's {{{string.Join(", ", annotators)}}}: every line must be labelled by the same annotators");
            }
            return new AnnotatedPair(prompt, a, b, annotators.Select(n => labels[n]).ToList());
        });
        return new AnnotatedPairs(annotators!, items);
    }

    /// <summary>Training and held-out sets: the held-out file when given, else the last tenth of the training file.</summary>
    public static Split<T> ReadSplit<T>(string path, string? heldOutPath, Func<string, IReadOnlyList<T>> read)
    {
        var all = read(path);
        // Evaluation reads held-out rows many times: they are kept in memory; training rows stay on disk if they were.
        if (heldOutPath is not null) return new Split<T>(all, read(heldOutPath).ToList());
        var heldOut = Math.Max(1, all.Count / 10);
        if (all.Count < 2) throw new DataFormatException(path, all.Count, null, "needs at least 2 examples to hold one out; add a HeldOut file");
        if (all is JsonlRows<T> rows) return new Split<T>(rows.Slice(0, all.Count - heldOut), rows.Slice(all.Count - heldOut, heldOut).ToList());
        return new Split<T>(all.Take(all.Count - heldOut).ToList(), all.Skip(all.Count - heldOut).ToList());
    }

    private static IReadOnlyList<T> Read<T>(string path, Func<JsonElement, int, T> parse, long streamFromBytes = long.MaxValue)
    {
        var result = Check(path, parse, streamFromBytes);
        if (result.Count == 0)
        {
            var lines = File.ReadLines(path).Count();
            throw new DataFormatException(path, 0, null, lines == 0 ? "the file is empty: it holds no examples" : $"the file holds no examples, only {lines} blank line(s)");
        }
        return result;
    }

    /// <summary>Every non-blank line as a JSON object, parsed by <paramref name="parse"/>; an empty file gives an empty list.</summary>
    internal static IReadOnlyList<T> ReadObjects<T>(string path, Func<JsonElement, int, T> parse) => Check(path, parse, long.MaxValue);

    /// <summary>
    /// Checks every line, streamed; the rows are kept as read, or, for a file of <paramref name="streamFromBytes"/> or more,
    /// left on disk as <see cref="JsonlRows{T}"/> (each line's offset kept). A large file shows its progress.
    /// </summary>
    private static IReadOnlyList<T> Check<T>(string path, Func<JsonElement, int, T> parse, long streamFromBytes)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Data file '{path}' does not exist (working directory: {Environment.CurrentDirectory}).", path);
        var length = new FileInfo(path).Length;
        var stream = length >= streamFromBytes;
        var result = new List<T>();
        List<long> offsets = [];
        List<int> lines = [];
        var progress = ProgressMeter.Start($"reading {path}", length, "rows", large: length >= ProgressMeter.LargeBytes);
        long reported = 0;
        foreach (var (lineNumber, offset, text) in Utf8Lines.ReadFrom(path, 0, 1, bytes => { progress.Advance(bytes - reported, 0); reported = bytes; }))
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            JsonDocument document;
            try { document = JsonDocument.Parse(text); }
            catch (JsonException e) { throw new DataFormatException(path, lineNumber, null, $"not valid JSON at byte {(e.BytePositionInLine ?? 0) + 1} of the line ({ParserMessage(e)})"); }
            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    throw new DataFormatException(path, lineNumber, null, "expected a JSON object");
                // After parsing, so a shape's own message about its fields (an annotator named twice) comes first.
                var item = parse(document.RootElement, lineNumber);
                if (DuplicateKey(document.RootElement, "") is { } duplicate)
                    throw new DataFormatException(path, lineNumber, duplicate, "appears twice on the line, and only the last would be read: keep one");
                if (stream) { offsets.Add(offset); lines.Add(lineNumber); }
                else result.Add(item);
                progress.Advance(0, 1);
            }
        }
        progress.Finish();
        return stream ? new JsonlRows<T>(path, [.. offsets], [.. lines], parse) : result;
    }

    /// <summary>The parser's own words without its position suffix ("… LineNumber: 0 | BytePositionInLine: 7."): each line is parsed alone, so its line is always 0.</summary>
    private static string ParserMessage(JsonException e)
    {
        var message = e.Message;
        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0) message = message[..at];
        }
        return message.TrimEnd(' ', '.', '|');
    }

    /// <summary>The first key that an object of the line (at any depth) holds twice, as a dotted path; JSON parsers keep the last silently.</summary>
    private static string? DuplicateKey(JsonElement element, string prefix)
    {
        if (element.ValueKind == JsonValueKind.Array)
            return element.EnumerateArray().Select((item, i) => DuplicateKey(item, $"{prefix}[{i}]")).FirstOrDefault(d => d is not null);
        if (element.ValueKind != JsonValueKind.Object) return null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var name = prefix.Length == 0 ? property.Name : prefix + "." + property.Name;
            if (!seen.Add(property.Name)) return name;
            if (DuplicateKey(property.Value, name) is { } nested) return nested;
        }
        return null;
    }

    /// <summary>The annotators' labels in file order; a name may appear once, a label must be "a" or "b".</summary>
    private static Dictionary<string, Preferred> Labels(JsonElement obj, string path, int line)
    {
        if (!obj.TryGetProperty("labels", out var value)) throw new DataFormatException(path, line, "labels", "missing");
        if (value.ValueKind != JsonValueKind.Object)
            throw new DataFormatException(path, line, "labels", $"expected an object of annotator names to \"a\" or \"b\", found {value.ValueKind}");
        var labels = new Dictionary<string, Preferred>();
        foreach (var label in value.EnumerateObject())
        {
            var preferred = label.Value.ValueKind == JsonValueKind.String ? label.Value.GetString() : null;
            if (preferred is not ("a" or "b"))
                throw new DataFormatException(path, line, $"labels.{label.Name}", $"expected \"a\" or \"b\", found {(preferred is null ? label.Value.ValueKind.ToString() : $"\"{preferred}\"")}");
            if (!labels.TryAdd(label.Name, preferred == "a" ? Preferred.A : Preferred.B))
                throw new DataFormatException(path, line, "labels", $"annotator '{label.Name}' appears twice");
        }
        return labels;
    }

    private static IReadOnlyList<string> Strings(JsonElement obj, string name, string path, int line)
    {
        var array = ArrayField(obj, name, path, line, "strings");
        return array.Select((e, i) => e.ValueKind == JsonValueKind.String
            ? e.GetString()!
            : throw new DataFormatException(path, line, name, $"expected an array of strings, found {e.ValueKind} at index {i}")).ToList();
    }

    private static IReadOnlyList<int> Indices(JsonElement obj, string name, string path, int line)
    {
        var array = ArrayField(obj, name, path, line, "response indices");
        return array.Select((e, i) => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var index)
            ? index
            : throw new DataFormatException(path, line, name, $"expected an array of response indices, found {(e.ValueKind == JsonValueKind.Number ? e.GetRawText() : e.ValueKind.ToString())} at index {i}")).ToList();
    }

    private static List<JsonElement> ArrayField(JsonElement obj, string name, string path, int line, string of)
    {
        if (!obj.TryGetProperty(name, out var value)) throw new DataFormatException(path, line, name, "missing");
        if (value.ValueKind != JsonValueKind.Array) throw new DataFormatException(path, line, name, $"expected an array of {of}, found {value.ValueKind}");
        return value.EnumerateArray().ToList();
    }

    private static string Field(JsonElement obj, string name, string path, int line)
    {
        if (!obj.TryGetProperty(name, out var value)) throw new DataFormatException(path, line, name, "missing");
        if (value.ValueKind != JsonValueKind.String) throw new DataFormatException(path, line, name, $"expected a string, found {value.ValueKind}");
        return value.GetString()!;
    }
}
