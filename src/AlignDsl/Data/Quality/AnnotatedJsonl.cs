using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AlignDsl.Data.Quality;

/// <summary>
/// Writes annotated pairs in the shape <see cref="JsonlReader.ReadAnnotated"/> reads
/// (<c>{"prompt","a","b","labels":{"&lt;annotator&gt;":"a"|"b",...}}</c>), for data made by <see cref="GymAnnotators"/>.
/// </summary>
public static class AnnotatedJsonl
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(string path, AnnotatedPairs data)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory) Directory.CreateDirectory(directory);
        File.WriteAllLines(path, data.Items.Select(item => new JsonObject
        {
            ["prompt"] = item.Prompt,
            ["a"] = item.A,
            ["b"] = item.B,
            ["labels"] = new JsonObject(data.Annotators.Select((name, i) =>
                KeyValuePair.Create(name, (JsonNode?)(item.Labels[i] == Preferred.A ? "a" : "b"))))
        }.ToJsonString(Options)));
    }
}
