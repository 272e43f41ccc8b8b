using System.Text.Json;

namespace AlignDsl.Data.Conversations;

/// <summary>
/// What an objective reads (preference pairs, demonstrations, feedback, prompts): the TRL shapes that carry it and
/// their fields, so a line that has some of those fields but not all is told which one is missing.
/// </summary>
internal sealed record DataFamily(string Name, TrlShape[] Accepted, string[][] Fields)
{
    public static readonly DataFamily Pairs = new("preference pairs", [TrlShape.Preference, TrlShape.ImplicitPromptPreference, TrlShape.HhRlhf],
        [["prompt", "chosen", "rejected"], ["chosen", "rejected"]]);

    public static readonly DataFamily Demonstrations = new("demonstrations", [TrlShape.PromptCompletion, TrlShape.LanguageModeling],
        [["prompt", "completion"], ["messages"], ["text"]]);

    public static readonly DataFamily Feedback = new("unpaired feedback", [TrlShape.UnpairedPreference], [["prompt", "completion", "label"]]);

    public static readonly DataFamily Prompts = new("prompts", [TrlShape.PromptOnly, TrlShape.PromptCompletion, TrlShape.Preference, TrlShape.UnpairedPreference],
        [["prompt"]]);

    /// <summary>The error for a line of another shape: the first missing field of the field set it comes closest to, else the shapes accepted.</summary>
    public DataFormatException Mismatch(TrlShape shape, JsonElement? obj, string path, int line)
    {
        if (obj is { } o)
        {
            var closest = Fields.Select(set => (Set: set, Present: set.Count(f => o.TryGetProperty(f, out _)))).MaxBy(s => s.Present);
            if (closest.Present > 0 && closest.Set.FirstOrDefault(f => !o.TryGetProperty(f, out _)) is { } missing)
                return new DataFormatException(path, line, missing, "missing");
        }
        return new DataFormatException(path, line, null, $"a {shape} line cannot be read as {Name}; accepted shapes: {string.Join(", ", Accepted)}");
    }
}
