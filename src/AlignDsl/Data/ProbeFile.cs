using System.Text.Json;

namespace AlignDsl.Data;

/// <summary>
/// A user's probe prompts for red teaming or over-refusal: JSONL lines <c>{"prompt": "…", "category": "…"}</c>, the
/// category optional ("uncategorised" when absent); other fields (an id, a source) are ignored. Errors name the file, line and field, as every data reader does.
/// </summary>
public static class ProbeFile
{
    public const string Uncategorised = "uncategorised";

    /// <summary>Every probe of the file, as <paramref name="kind"/> (harmful or benign), grouped by its category.</summary>
    public static IReadOnlyList<Probe> Read(string path, GymCategory kind)
    {
        if (kind is not (GymCategory.Harmful or GymCategory.Benign))
            throw new ArgumentException($"Probe files hold harmful or benign prompts, not {kind}.", nameof(kind));
        var probes = JsonlReader.ReadObjects(path, (obj, line) => Parse(obj, kind, path, line));
        if (probes.Count == 0) throw new DataFormatException(path, 0, null, "the file holds no probe prompts: add lines of {\"prompt\": \"…\", \"category\": \"…\"}");
        return probes;
    }

    /// <summary>The probes a run evaluates on: each declared file in place of the gym's prompts of its kind, the gym's for the rest.</summary>
    public static IReadOnlyList<Probe> Combine(IReadOnlyList<Probe> gymProbes, string? harmfulPath, string? benignPath)
    {
        var harmful = harmfulPath is null ? null : Read(harmfulPath, GymCategory.Harmful);
        var benign = benignPath is null ? null : Read(benignPath, GymCategory.Benign);
        return gymProbes.Where(p => (p.Category != GymCategory.Harmful || harmful is null) && (p.Category != GymCategory.Benign || benign is null))
            .Concat(harmful ?? []).Concat(benign ?? []).ToList();
    }

    private static Probe Parse(JsonElement obj, GymCategory kind, string path, int line)
    {
        if (!obj.TryGetProperty("prompt", out var prompt)) throw new DataFormatException(path, line, "prompt", "missing");
        if (prompt.ValueKind != JsonValueKind.String)
            throw new DataFormatException(path, line, "prompt", $"expected a string, found {prompt.ValueKind}");
        var text = prompt.GetString()!;
        if (string.IsNullOrWhiteSpace(text)) throw new DataFormatException(path, line, "prompt", "is empty: a probe needs a request to answer");
        var category = Uncategorised;
        if (obj.TryGetProperty("category", out var value))
        {
            if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
                throw new DataFormatException(path, line, "category", $"expected a non-empty string, found {(value.ValueKind == JsonValueKind.String ? "an empty one" : value.ValueKind.ToString())}");
            category = value.GetString()!.Trim();
        }
        return new Probe(text, kind, Topic: category, Group: category);
    }
}
