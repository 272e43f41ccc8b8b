using System.Text.Json;
using System.Text.Json.Nodes;

namespace AlignDsl.Models.Architectures;

/// <summary>
/// A model folder's <c>config.json</c>, read field by field: a missing required field, or a setting the architecture
/// here does not compute, is a <see cref="NotSupportedException"/> naming the field, never a silently different model.
/// </summary>
public sealed class HfConfig
{
    public const string FileName = "config.json";
    private readonly JsonObject _json;

    public HfConfig(JsonObject json, string source)
    {
        _json = json;
        Source = source;
    }

    public static HfConfig Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"{directory} has no {FileName}: it is not a Hugging Face model folder.", path);
        return new HfConfig(JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path} is not a JSON object."), path);
    }

    /// <summary>Where the settings came from, for messages.</summary>
    public string Source { get; }

    /// <summary>The first entry of <c>architectures</c>, e.g. <c>LlamaForCausalLM</c>.</summary>
    public string Architecture => _json["architectures"] is JsonArray { Count: > 0 } a
        ? a[0]!.GetValue<string>()
        : throw new NotSupportedException($"{Source}: field 'architectures' is missing; it names the model class (e.g. LlamaForCausalLM).");

    public bool Has(string field) => _json[field] is not null;

    public int Int(string field) => OptionalInt(field) ?? throw Missing(field);

    public int? OptionalInt(string field) => Get(field, n => n.GetValue<int>());

    public int Int(string field, int fallback) => OptionalInt(field) ?? fallback;

    public double Double(string field, double fallback) => Get(field, n => n.GetValue<double>()) ?? fallback;

    public bool Bool(string field, bool fallback) => Get(field, n => n.GetValue<bool>()) ?? fallback;

    public string String(string field, string fallback) => _json[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : fallback;

    /// <summary>Fails unless <paramref name="field"/> is absent, null, or equal to <paramref name="expected"/>.</summary>
    public void Require(string field, bool expected)
    {
        if (Get(field, n => n.GetValue<bool>()) is { } value && value != expected)
            throw Unsupported(field, value.ToString().ToLowerInvariant(), $"only {expected.ToString().ToLowerInvariant()} is supported");
    }

    /// <summary>Fails unless <paramref name="field"/> is absent or null.</summary>
    public void RequireAbsent(string field, string why)
    {
        if (_json[field] is { } node) throw Unsupported(field, node.ToJsonString(), why);
    }

    public NotSupportedException Unsupported(string field, string value, string why) =>
        new($"{Source}: field '{field}' = {value} is not supported ({why}).");

    private NotSupportedException Missing(string field) => new($"{Source}: field '{field}' is missing.");

    private T? Get<T>(string field, Func<JsonNode, T> read) where T : struct
    {
        var node = _json[field];
        if (node is null) return null;
        try { return read(node); }
        catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException)
        {
            throw new NotSupportedException($"{Source}: field '{field}' = {node.ToJsonString()} is not a {typeof(T).Name}.");
        }
    }
}
