using AlignDsl.Data;
using AlignDsl.Data.Conversations;

namespace AlignDsl.Chat;

/// <summary>
/// How a pretrained policy reads conversations: the data and probes, written in the gym's <c>user: …\nassistant:</c>
/// frame (JSONL conversations are read into that frame too), are turned back into messages and rendered with the
/// model's chat template. A prompt is rendered with the generation prompt; a completion is what rendering the whole
/// conversation adds to it (the assistant's content and the template's closing of the turn), so the loss falls on
/// exactly the assistant's tokens, as <see cref="AssistantMask"/> locates them.
/// </summary>
public sealed class ChatFormat(ChatTemplate template, string? bosToken = null, string? eosToken = null)
{
    private readonly ConversationFormatter _formatter = new(template, bosToken, eosToken);

    public ChatTemplate Template => template;

    /// <summary>A prompt as the model reads it, ending with the opening of the assistant's turn. An empty prompt stays empty.</summary>
    public string Prompt(string gymPrompt) =>
        gymPrompt.Length == 0 ? "" : template.Render(GymConversations.Messages(gymPrompt), addGenerationPrompt: true, bosToken, eosToken);

    public PreferencePair Pair(PreferencePair pair)
    {
        if (pair.Prompt.Length == 0) return pair;
        var rendered = _formatter.ToPair(new TrlExample(TrlShape.Preference, Turns.Of(GymConversations.Messages(pair.Prompt)),
            Chosen: Answer(pair.Chosen), Rejected: Answer(pair.Rejected)));
        return pair with { Prompt = rendered.Prompt, Chosen = rendered.Chosen, Rejected = rendered.Rejected };
    }

    public Demonstration Demonstration(Demonstration demonstration)
    {
        if (demonstration.Prompt.Length == 0) return demonstration;
        return _formatter.ToDemonstration(new TrlExample(TrlShape.PromptCompletion, Turns.Of(GymConversations.Messages(demonstration.Prompt)),
            Completion: Answer(demonstration.Completion), LearnsEveryAnswer: demonstration.LearnsEveryAnswer));
    }

    public Feedback Feedback(Feedback feedback)
    {
        if (feedback.Prompt.Length == 0) return feedback;
        return _formatter.ToFeedback(new TrlExample(TrlShape.UnpairedPreference, Turns.Of(GymConversations.Messages(feedback.Prompt)),
            Completion: Answer(feedback.Completion), Label: feedback.Desirable));
    }

    // Gym answers start with the space that separates them from the frame; the message itself does not.
    private static Turns Answer(string completion) => Turns.Of([ChatMessage.FromAssistant(completion.StartsWith(' ') ? completion[1..] : completion)]);
}
