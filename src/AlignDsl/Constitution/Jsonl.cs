using System.Text.Json;
using AlignDsl.Data;

namespace AlignDsl.Constitution;

/// <summary>Reading and writing this folder's JSONL files, with <see cref="JsonlReader"/>'s conventions and errors.</summary>
internal static class Jsonl
{
    /// <summary>camelCase names, the way the rest of the data files are written.</summary>
    public static JsonSerializerOptions Options { get; } = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>An empty file is an empty list here: a labelling run can legitimately keep nothing.</summary>
    public static IReadOnlyList<T> Read<T>(string path, Func<JsonElement, int, T> parse) => JsonlReader.ReadObjects(path, parse);

    public static string String(JsonElement obj, string name, string path, int line)
    {
        var value = Property(obj, name, path, line);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new DataFormatException(path, line, name, $"expected a string, found {value.ValueKind}");
    }

    public static double Number(JsonElement obj, string name, string path, int line)
    {
        var value = Property(obj, name, path, line);
        return value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw new DataFormatException(path, line, name, $"expected a number, found {value.ValueKind}");
    }

    public static JsonElement Property(JsonElement obj, string name, string path, int line) =>
        obj.ValueKind != JsonValueKind.Object ? throw new DataFormatException(path, line, name, $"expected it in a JSON object, found {obj.ValueKind}")
        : obj.TryGetProperty(name, out var value) ? value
        : throw new DataFormatException(path, line, name, "missing");
}
