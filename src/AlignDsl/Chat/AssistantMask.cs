using AlignDsl.Tokenization;

namespace AlignDsl.Chat;

/// <summary>A rendered conversation's token ids, and a mask that is 1 exactly on the tokens of the assistant's turns.</summary>
public sealed record MaskedConversation(string Text, int[] Ids, int[] AssistantMask);

/// <summary>
/// Finds which tokens of a rendered conversation the assistant said, for a loss on those alone (TRL's
/// <c>assistant_only_loss</c>). An assistant turn's text is what rendering the conversation up to and including it
/// adds to rendering the conversation before it with the generation prompt: its content and the template's closing
/// of the turn (<c>&lt;|im_end|&gt;</c>, <c>&lt;|eot_id|&gt;</c>, EOS), so the model also learns to stop.
/// The ids are those of the whole rendered text, as the model is trained on it; a token is the assistant's when
/// it starts inside an assistant turn's text.
/// </summary>
public static class AssistantMask
{
    public static MaskedConversation Encode(ChatTemplate template, ITokenizer tokenizer, IReadOnlyList<ChatMessage> messages, string? bosToken = null, string? eosToken = null)
    {
        var text = template.Render(messages, addGenerationPrompt: false, bosToken, eosToken);
        var spans = new List<(int Start, int End)>();
        foreach (var (turn, span) in Turns(template, messages, text, bosToken, eosToken))
            spans.Add(span ?? throw new InvalidOperationException(
                $"The chat template renders assistant turn {turn + 1} differently depending on what follows it, so its tokens cannot be located; " +
                "declare a built-in template (ChatTemplates.*) for assistant-only loss."));
        var tokens = tokenizer.EncodeWithSpans(text);
        var mask = tokens.Select(t => spans.Any(s => t.Start >= s.Start && t.Start < s.End) ? 1 : 0).ToArray();
        return new MaskedConversation(text, tokens.Select(t => t.Id).ToArray(), mask);
    }

    /// <summary>
    /// Each assistant turn of <paramref name="messages"/> (by index) and where it stands in <paramref name="rendered"/>, a
    /// rendering that starts with it: [start, end) is what rendering the messages through the turn adds to rendering those
    /// before it with the generation prompt. Null for a turn the template renders otherwise once the conversation goes on.
    /// </summary>
    internal static IEnumerable<(int Turn, (int Start, int End)? Span)> Turns(ChatTemplate template, IReadOnlyList<ChatMessage> messages, string rendered,
        string? bosToken, string? eosToken)
    {
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i].Role != ChatMessage.Assistant) continue;
            var before = template.Render(messages.Take(i).ToList(), addGenerationPrompt: true, bosToken, eosToken);
            var through = template.Render(messages.Take(i + 1).ToList(), addGenerationPrompt: false, bosToken, eosToken);
            var located = through.StartsWith(before, StringComparison.Ordinal) && rendered.StartsWith(through, StringComparison.Ordinal);
            yield return (i, located ? (before.Length, through.Length) : null);
        }
    }

    /// <summary>With the BOS and EOS texts of a model folder's tokenizer.</summary>
    public static MaskedConversation Encode(ChatTemplate template, HfTokenizer tokenizer, IReadOnlyList<ChatMessage> messages) =>
        Encode(template, tokenizer, messages, tokenizer.BosToken, tokenizer.EosToken);
}
