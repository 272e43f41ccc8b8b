using System.Text.Json;
using AlignDsl.Chat;

namespace AlignDsl.Data.Conversations;

/// <summary>A preference pair in TRL's conversational form: the prompt's messages and each answer's.</summary>
public sealed record ConversationalPair(IReadOnlyList<ChatMessage> Prompt, IReadOnlyList<ChatMessage> Chosen, IReadOnlyList<ChatMessage> Rejected, string Category = "");

/// <summary>
/// The gym's data as conversations (one user message, one assistant answer), so an experiment can render it with a
/// model's chat template instead of the gym's <c>user: …\nassistant:</c> frame. <see cref="ChatTemplates.Gym"/>
/// renders these back to exactly the gym's own texts.
/// </summary>
public static class GymConversations
{
    private const string UserPrefix = "user: ", AssistantSuffix = "\nassistant:";

    /// <summary>The gym's pairs as conversations, split as <see cref="Gym.Pairs"/> splits them.</summary>
    public static Split<ConversationalPair> ConversationalPairs(this Gym gym)
    {
        var pairs = gym.Pairs();
        return new Split<ConversationalPair>(pairs.Train.Select(ToConversation).ToList(), pairs.HeldOut.Select(ToConversation).ToList());
    }

    /// <summary>The gym's demonstrations as <c>messages</c> conversations (TRL's conversational language-modeling form).</summary>
    public static Split<IReadOnlyList<ChatMessage>> ConversationalDemonstrations(this Gym gym, int count = 2000)
    {
        var demonstrations = gym.Demonstrations(count);
        return new Split<IReadOnlyList<ChatMessage>>(demonstrations.Train.Select(ToMessages).ToList(), demonstrations.HeldOut.Select(ToMessages).ToList());
    }

    /// <summary>Pairs rendered for training with a model's template, as TRL renders conversational preference data.</summary>
    public static IReadOnlyList<PreferencePair> Render(IEnumerable<ConversationalPair> pairs, ConversationFormatter formatter) =>
        pairs.Select(p => formatter.ToPair(new TrlExample(TrlShape.Preference, Turns.Of(p.Prompt), Chosen: Turns.Of(p.Chosen), Rejected: Turns.Of(p.Rejected))) with { Category = p.Category })
            .ToList();

    /// <summary>Writes pairs as TRL's conversational preference JSONL, <c>{"prompt":[…],"chosen":[…],"rejected":[…]}</c>.</summary>
    public static void WriteJsonl(IEnumerable<ConversationalPair> pairs, string path) =>
        File.WriteAllLines(path, pairs.Select(p => JsonSerializer.Serialize(new { prompt = Json(p.Prompt), chosen = Json(p.Chosen), rejected = Json(p.Rejected) })));

    /// <summary>The user's message inside the gym's frame; a prompt not in that frame is taken whole.</summary>
    public static string UserMessage(string gymPrompt) =>
        gymPrompt.StartsWith(UserPrefix, StringComparison.Ordinal) && gymPrompt.EndsWith(AssistantSuffix, StringComparison.Ordinal)
            ? gymPrompt[UserPrefix.Length..^AssistantSuffix.Length]
            : gymPrompt;

    /// <summary>
    /// The turns of a prompt in the gym's frame (<c>user: …\nassistant: …\nuser: …\nassistant:</c>), without the final
    /// opening of the assistant's turn; a prompt not in that frame is one user message. A line that starts with a role
    /// and a colon inside a message's content starts a new turn: the frame has no escaping.
    /// </summary>
    public static IReadOnlyList<ChatMessage> Messages(string gymPrompt)
    {
        if (!gymPrompt.StartsWith(UserPrefix, StringComparison.Ordinal) || !gymPrompt.EndsWith(AssistantSuffix, StringComparison.Ordinal))
            return [ChatMessage.FromUser(gymPrompt)];
        var turns = System.Text.RegularExpressions.Regex.Split(gymPrompt[..^AssistantSuffix.Length], @"(?:^|\n)(user|assistant|system): ?");
        // Split keeps the captured role before each content: ["", role, content, role, content, …].
        var messages = new List<ChatMessage>();
        for (var i = 1; i + 1 < turns.Length; i += 2) messages.Add(new ChatMessage(turns[i], turns[i + 1]));
        return messages;
    }

    private static ConversationalPair ToConversation(PreferencePair pair) =>
        new([ChatMessage.FromUser(UserMessage(pair.Prompt))], [Answer(pair.Chosen)], [Answer(pair.Rejected)], pair.Category);

    private static IReadOnlyList<ChatMessage> ToMessages(Demonstration d) => [ChatMessage.FromUser(UserMessage(d.Prompt)), Answer(d.Completion)];

    // Gym answers start with the space that separates them from the frame; the message itself does not.
    private static ChatMessage Answer(string completion) => ChatMessage.FromAssistant(completion.StartsWith(' ') ? completion[1..] : completion);

    private static object[] Json(IReadOnlyList<ChatMessage> messages) => messages.Select(m => (object)new { role = m.Role, content = m.Content }).ToArray();
}
