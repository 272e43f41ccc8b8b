using System.Text.Json;

namespace AlignDsl.Data;

/// <summary>
/// Reads JSONL in TRL's conventions. Every line is checked before anything is returned, so bad input fails
/// the run before it starts, with the file, line and field named.
/// </summary>
public static class JsonlReader
{
    public static IReadOnlyList<PreferencePair> ReadPairs(string path) =>
        Read(path, (obj, line) => new PreferencePair(
            Field(obj, "prompt", path, line), Field(obj, "chosen", path, line), Field(obj, "rejected", path, line)));

    public static IReadOnlyList<Demonstration> ReadDemonstrations(string path) =>
        Read(path, (obj, line) => new Demonstration(Field(obj, "prompt", path, line), Field(obj, "completion", path, line)));

    /// <summary>Unpaired feedback: <c>{"prompt","completion","label"}</c> with a boolean label (true = desirable).</summary>
    public static IReadOnlyList<Feedback> ReadFeedback(string path) =>
        Read(path, (obj, line) => new Feedback(Field(obj, "prompt", path, line), Field(obj, "completion", path, line), Label(obj, path, line)));

    /// <summary>Training and held-out sets: the held-out file when given, else the last tenth of the training file.</summary>
    public static Split<T> ReadSplit<T>(string path, string? heldOutPath, Func<string, IReadOnlyList<T>> read)
    {
        var all = read(path);
        if (heldOutPath is not null) return new Split<T>(all, read(heldOutPath));
        var heldOut = Math.Max(1, all.Count / 10);
        if (all.Count < 2) throw new DataFormatException(path, all.Count, null, "needs at least 2 examples to hold one out; add a HeldOut file");
        return new Split<T>(all.Take(all.Count - heldOut).ToList(), all.Skip(all.Count - heldOut).ToList());
    }

    private static IReadOnlyList<T> Read<T>(string path, Func<JsonElement, int, T> parse)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Data file '{path}' does not exist (working directory: {Environment.CurrentDirectory}).", path);
        var result = new List<T>();
        var lineNumber = 0;
        foreach (var text in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            JsonDocument document;
            try { document = JsonDocument.Parse(text); }
            catch (JsonException e) { throw new DataFormatException(path, lineNumber, null, $"not valid JSON ({e.Message})"); }
            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    throw new DataFormatException(path, lineNumber, null, "expected a JSON object");
                result.Add(parse(document.RootElement, lineNumber));
            }
        }
        if (result.Count == 0) throw new DataFormatException(path, lineNumber, null, "the file holds no examples");
        return result;
    }

    private static bool Label(JsonElement obj, string path, int line)
    {
        if (!obj.TryGetProperty("label", out var value)) throw new DataFormatException(path, line, "label", "missing");
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new DataFormatException(path, line, "label", $"expected true or false, found {value.ValueKind}"),
        };
    }

    private static string Field(JsonElement obj, string name, string path, int line)
    {
        if (!obj.TryGetProperty(name, out var value)) throw new DataFormatException(path, line, name, "missing");
        if (value.ValueKind != JsonValueKind.String) throw new DataFormatException(path, line, name, $"expected a string, found {value.ValueKind}");
        return value.GetString()!;
    }
}
