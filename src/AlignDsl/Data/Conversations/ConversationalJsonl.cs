using AlignDsl.Chat.Jinja;

namespace AlignDsl.Data.Conversations;

/// <summary>
/// Reads JSONL in any of TRL's dataset shapes (standard or conversational) or HH-RLHF's transcripts, and turns it
/// into what an objective trains on, rendering conversations with a chat template (the gym's format unless one is
/// given). Every line must have the first line's shape; a line's problem names its file, line and field.
/// </summary>
public static class ConversationalJsonl
{
    /// <summary>The lines as written, checked to share one shape.</summary>
    public static IReadOnlyList<TrlExample> Read(string path) => ReadNumbered(path).Select(e => e.Example).ToList();

    private static IReadOnlyList<(TrlExample Example, int Line)> ReadNumbered(string path)
    {
        TrlShape? shape = null;
        var examples = JsonlReader.ReadObjects(path, (obj, line) =>
        {
            var example = TrlParser.Parse(obj, path, line);
            shape ??= example.Shape;
            if (example.Shape != shape) throw new DataFormatException(path, line, null, $"a {example.Shape} line in a {shape} file: every line must have the first line's shape");
            return (example, line);
        });
        if (examples.Count == 0) throw new DataFormatException(path, 0, null, "the file holds no examples");
        return examples;
    }

    /// <summary>Preference pairs from preference, implicit-prompt or HH-RLHF lines.</summary>
    public static IReadOnlyList<PreferencePair> ReadPairs(string path, ConversationFormatter? formatter = null) =>
        Convert(path, formatter, DataFamily.Pairs, (f, e) => f.ToPair(e));

    /// <summary>Demonstrations from prompt-completion lines or <c>{"messages"}</c> / <c>{"text"}</c> lines.</summary>
    public static IReadOnlyList<Demonstration> ReadDemonstrations(string path, ConversationFormatter? formatter = null) =>
        Convert(path, formatter, DataFamily.Demonstrations, (f, e) => f.ToDemonstration(e));

    /// <summary>Unpaired feedback from <c>{"prompt","completion","label"}</c> lines.</summary>
    public static IReadOnlyList<Feedback> ReadFeedback(string path, ConversationFormatter? formatter = null) =>
        Convert(path, formatter, DataFamily.Feedback, (f, e) => f.ToFeedback(e));

    /// <summary>Prompts, rendered with the generation prompt where conversational, from any shape that has a prompt.</summary>
    public static IReadOnlyList<string> ReadPrompts(string path, ConversationFormatter? formatter = null) =>
        Convert(path, formatter, DataFamily.Prompts, (f, e) => f.ToPrompt(e));

    /// <summary>One line as the given family, for <see cref="JsonlReader"/>'s per-line parsing.</summary>
    internal static T ParseLine<T>(System.Text.Json.JsonElement obj, string path, int line, DataFamily family, Func<ConversationFormatter, TrlExample, T> convert)
    {
        var example = TrlParser.Parse(obj, path, line);
        if (!family.Accepted.Contains(example.Shape)) throw family.Mismatch(example.Shape, obj, path, line);
        try { return convert(ConversationFormatter.Gym, example); }
        catch (Exception e) when (e is FormatException or InvalidOperationException or TemplateException or TemplateRaisedException)
        {
            throw new DataFormatException(path, line, null, e.Message);
        }
    }

    private static IReadOnlyList<T> Convert<T>(string path, ConversationFormatter? formatter, DataFamily family, Func<ConversationFormatter, TrlExample, T> convert)
    {
        var examples = ReadNumbered(path);
        var (first, firstLine) = examples[0];
        if (!family.Accepted.Contains(first.Shape)) throw family.Mismatch(first.Shape, null, path, firstLine);
        return examples.Select(e =>
        {
            try { return convert(formatter ?? ConversationFormatter.Gym, e.Example); }
            catch (Exception x) when (x is FormatException or InvalidOperationException or TemplateException or TemplateRaisedException)
            {
                throw new DataFormatException(path, e.Line, null, x.Message);
            }
        }).ToList();
    }
}
