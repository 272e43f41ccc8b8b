using System.Text.Json;
using AlignDsl.Chat;

namespace AlignDsl.Data.Conversations;

/// <summary>
/// Recognises a JSONL line's TRL shape by the fields it has, then reads those fields as text or messages. A line
/// with none of the known sets of fields fails with the fields it has and the shapes that are known.
/// </summary>
internal static class TrlParser
{
    public static TrlExample Parse(JsonElement obj, string path, int line)
    {
        bool Has(string name) => obj.TryGetProperty(name, out _);
        Turns Get(string name) => Field(obj, name, path, line);

        if (Has("chosen") || Has("rejected"))
        {
            var margin = Margin(obj, path, line);
            if (Has("prompt")) return new TrlExample(TrlShape.Preference, Get("prompt"), Chosen: Get("chosen"), Rejected: Get("rejected"), Margin: margin);
            var chosen = Get("chosen");
            var rejected = Get("rejected");
            var hh = chosen.Text is { } text && HhRlhf.IsTranscript(text);
            if (hh && rejected.Text is not { } r)
                throw new DataFormatException(path, line, "rejected", "an HH-RLHF chosen transcript needs a rejected transcript, found messages");
            return hh
                ? new TrlExample(TrlShape.HhRlhf, Chosen: Turns.Of(HhRlhf.Parse(chosen.Text!)), Rejected: Turns.Of(Transcript(rejected.Text!, path, line)), Margin: margin)
                : new TrlExample(TrlShape.ImplicitPromptPreference, Chosen: chosen, Rejected: rejected, Margin: margin);
        }
        if (Has("label")) return new TrlExample(TrlShape.UnpairedPreference, Get("prompt"), Get("completion"), Label: Label(obj, path, line));
        if (Has("completion")) return new TrlExample(TrlShape.PromptCompletion, Get("prompt"), Get("completion"));
        if (Has("messages")) return new TrlExample(TrlShape.LanguageModeling, Completion: Get("messages"));
        if (Has("text")) return new TrlExample(TrlShape.LanguageModeling, Completion: Get("text"));
        if (Has("prompt")) return new TrlExample(TrlShape.PromptOnly, Get("prompt"));
        var fields = obj.EnumerateObject().Select(p => p.Name).ToList();
        throw new DataFormatException(path, line, null,
            $"no known dataset shape (fields: {(fields.Count == 0 ? "none" : string.Join(", ", fields))}); known shapes: {TrlShapes.Known}");
    }

    /// <summary>A string, or a list of <c>{"role","content"}</c> objects with string values.</summary>
    public static Turns Field(JsonElement obj, string name, string path, int line)
    {
        if (!obj.TryGetProperty(name, out var value)) throw new DataFormatException(path, line, name, "missing");
        if (value.ValueKind == JsonValueKind.String) return Turns.Of(value.GetString()!);
        if (value.ValueKind != JsonValueKind.Array) throw new DataFormatException(path, line, name, $"expected a string, found {value.ValueKind}");
        var messages = new List<ChatMessage>();
        foreach (var (message, i) in value.EnumerateArray().Select((m, i) => (m, i)))
        {
            if (message.ValueKind != JsonValueKind.Object
                || !message.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String
                || !message.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.String)
                throw new DataFormatException(path, line, $"{name}[{i}]", "expected a message {\"role\": string, \"content\": string}");
            messages.Add(new ChatMessage(role.GetString()!, content.GetString()!));
        }
        return Turns.Of(messages);
    }

    /// <summary>A preference row's optional <c>margin</c>: a finite number.</summary>
    private static double? Margin(JsonElement obj, string path, int line)
    {
        if (!obj.TryGetProperty("margin", out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var margin) && double.IsFinite(margin)
            ? margin
            : throw new DataFormatException(path, line, "margin", $"expected a finite number (how much more the chosen answer should be rewarded), found {value.GetRawText()}");
    }

    private static IReadOnlyList<ChatMessage> Transcript(string text, string path, int line) =>
        HhRlhf.IsTranscript(text) ? HhRlhf.Parse(text) : throw new DataFormatException(path, line, "rejected", "expected an HH-RLHF transcript starting with \"\\n\\nHuman:\", like chosen");

    private static bool Label(JsonElement obj, string path, int line)
    {
        var value = obj.GetProperty("label");
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new DataFormatException(path, line, "label", $"expected true or false, found {value.ValueKind}"),
        };
    }
}
