using AlignDsl.Chat;

namespace AlignDsl.Data.Conversations;

/// <summary>
/// Turns TRL examples into the prompt and completion texts training reads, the way TRL's
/// <c>maybe_apply_chat_template</c> does: standard (text) fields pass as written; a conversational prompt is
/// rendered with the generation prompt, and its completion is what rendering prompt + completion adds to that.
/// Implicit prompts are extracted first: the messages (or, for text, the characters up to a word) that chosen
/// and rejected share.
/// </summary>
public sealed class ConversationFormatter(ChatTemplate template, string? bosToken = null, string? eosToken = null)
{
    /// <summary>The gym's plain <c>user: …\nassistant:</c> format (<see cref="ChatTemplates.Gym"/>), what a gym-trained model reads.</summary>
    public static ConversationFormatter Gym { get; } = new(ChatTemplate.Parse(ChatTemplates.Gym));

    public ChatTemplate Template => template;

    public PreferencePair ToPair(TrlExample example)
    {
        var (prompt, chosen, rejected) = example.Prompt is null ? ExtractPrompt(Required(example.Chosen), Required(example.Rejected)) : (example.Prompt, Required(example.Chosen), Required(example.Rejected));
        var (promptText, chosenText) = Render(prompt, chosen);
        return new PreferencePair(promptText, chosenText, Render(prompt, rejected).Completion) { Margin = example.Margin };
    }

    /// <summary>
    /// A demonstration. A <c>messages</c> conversation is cut at its last assistant turn, the turns before it being the
    /// prompt, and learns every assistant turn (TRL's assistant-only loss): the earlier ones are located in the rendered
    /// prompt. A prompt-completion row learns its completion alone, unless it carries a conversation's earlier turns.
    /// </summary>
    public Demonstration ToDemonstration(TrlExample example)
    {
        if (example.Shape == TrlShape.LanguageModeling && example.Completion!.Messages is { } messages)
        {
            var last = messages.Select((m, i) => (m, i)).LastOrDefault(p => p.m.Role == ChatMessage.Assistant);
            if (last.m is null) throw new FormatException("a messages conversation needs an assistant turn to learn from");
            return ToDemonstration(example with { Shape = TrlShape.PromptCompletion, Prompt = Turns.Of(messages.Take(last.i).ToList()), Completion = Turns.Of([last.m]), LearnsEveryAnswer = true });
        }
        var rendered = Render(example.Prompt, Required(example.Completion));
        var earlier = example.LearnsEveryAnswer && example.Prompt?.Messages is { } turns ? AnswersIn(turns, rendered.Prompt) : null;
        return new Demonstration(rendered.Prompt, rendered.Completion) { LearnsEveryAnswer = example.LearnsEveryAnswer, EarlierAnswers = earlier };
    }

    /// <summary>
    /// Each assistant turn of <paramref name="turns"/> as a span of <paramref name="prompt"/> (<see cref="AssistantMask.Turns"/>).
    /// A turn the template renders otherwise once the conversation goes on (one that drops earlier reasoning, say) cannot be
    /// located, and is left out of the loss.
    /// </summary>
    private (int Start, int Length)[]? AnswersIn(IReadOnlyList<ChatMessage> turns, string prompt)
    {
        var spans = AssistantMask.Turns(template, turns, prompt, bosToken, eosToken)
            .Where(t => t.Span is { } s && s.End > s.Start)
            .Select(t => (t.Span!.Value.Start, t.Span.Value.End - t.Span.Value.Start)).ToArray();
        return spans.Length == 0 ? null : spans;
    }

    public Feedback ToFeedback(TrlExample example)
    {
        var (prompt, completion) = Render(example.Prompt, Required(example.Completion));
        return new Feedback(prompt, completion, example.Label ?? throw new FormatException("unpaired feedback needs a label"));
    }

    public string ToPrompt(TrlExample example)
    {
        var prompt = Required(example.Prompt);
        return prompt.Text ?? template.Render(prompt.Messages!, addGenerationPrompt: true, bosToken, eosToken);
    }

    private (string Prompt, string Completion) Render(Turns? prompt, Turns completion)
    {
        if (prompt is null) return ("", completion.Text ?? template.Render(completion.Messages!, false, bosToken, eosToken));
        if (prompt.IsConversational != completion.IsConversational)
            throw new FormatException("the prompt and its completion must both be text or both be messages");
        if (!prompt.IsConversational) return (prompt.Text!, completion.Text!);
        var promptText = template.Render(prompt.Messages!, addGenerationPrompt: true, bosToken, eosToken);
        var whole = template.Render([.. prompt.Messages!, .. completion.Messages!], addGenerationPrompt: false, bosToken, eosToken);
        if (!whole.StartsWith(promptText, StringComparison.Ordinal))
            throw new FormatException("the chat template renders the prompt differently once the completion follows it, so the completion cannot be cut from it");
        return (promptText, whole[promptText.Length..]);
    }

    /// <summary>TRL's implicit prompt: shared leading messages, or shared leading text cut before the space that starts a differing word.</summary>
    internal static (Turns Prompt, Turns Chosen, Turns Rejected) ExtractPrompt(Turns chosen, Turns rejected)
    {
        if (chosen.Messages is { } a && rejected.Messages is { } b)
        {
            var shared = a.Zip(b).TakeWhile(p => p.First == p.Second).Count();
            if (shared == a.Count || shared == b.Count) throw new FormatException("chosen and rejected do not differ after their shared messages");
            return (Turns.Of(a.Take(shared).ToList()), Turns.Of(a.Skip(shared).ToList()), Turns.Of(b.Skip(shared).ToList()));
        }
        if (chosen.Text is not { } x || rejected.Text is not { } y) throw new FormatException("chosen and rejected must both be text or both be messages");
        var index = 0;
        while (index < Math.Min(x.Length, y.Length) && x[index] == y[index]) index++;
        if (index > 0 && index < Math.Min(x.Length, y.Length) && x[index - 1] == ' ') index--;
        return (Turns.Of(x[..index]), Turns.Of(x[index..]), Turns.Of(y[index..]));
    }

    private static Turns Required(Turns? turns) => turns ?? throw new FormatException("a field this shape needs is missing");
}
