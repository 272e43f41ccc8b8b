using AlignDsl.Chat;

namespace AlignDsl.Data.Conversations;

/// <summary>
/// Anthropic HH-RLHF's raw transcripts: <c>"\n\nHuman: … \n\nAssistant: …"</c>, as in its chosen and rejected
/// fields, into user and assistant messages.
/// </summary>
public static class HhRlhf
{
    private const string Human = "\n\nHuman:", Assistant = "\n\nAssistant:";

    /// <summary>Whether a text is such a transcript: it opens with a Human turn.</summary>
    public static bool IsTranscript(string text) => text.StartsWith(Human, StringComparison.Ordinal);

    /// <summary>The turns in order, each content without the space after its marker; a final empty Assistant turn is kept.</summary>
    public static IReadOnlyList<ChatMessage> Parse(string transcript)
    {
        if (!IsTranscript(transcript)) throw new FormatException("an HH-RLHF transcript starts with \"\\n\\nHuman:\"");
        var messages = new List<ChatMessage>();
        var position = 0;
        while (position < transcript.Length)
        {
            var isHuman = string.CompareOrdinal(transcript, position, Human, 0, Human.Length) == 0;
            var start = position + (isHuman ? Human.Length : Assistant.Length);
            var next = NextMarker(transcript, start);
            var content = transcript[start..next];
            messages.Add(new ChatMessage(isHuman ? ChatMessage.User : ChatMessage.Assistant, content.StartsWith(' ') ? content[1..] : content));
            position = next;
        }
        return messages;
    }

    private static int NextMarker(string text, int from)
    {
        var human = text.IndexOf(Human, from, StringComparison.Ordinal);
        var assistant = text.IndexOf(Assistant, from, StringComparison.Ordinal);
        return (human, assistant) switch
        {
            (< 0, < 0) => text.Length,
            (< 0, _) => assistant,
            (_, < 0) => human,
            _ => Math.Min(human, assistant),
        };
    }
}
