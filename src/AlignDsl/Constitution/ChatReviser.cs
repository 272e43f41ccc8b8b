using Microsoft.Extensions.AI;

namespace AlignDsl.Constitution;

/// <summary>
/// Critique and revision by a chat model, in the conversation of Bai et al. (2022): the prompt and the answer, then the
/// principle's <see cref="Principle.CritiqueRequest"/>; the model's critique, then its
/// <see cref="Principle.RevisionRequest"/>. The reply to the second request is the revised answer. It makes one request
/// per step: wrap the client in a retrying one (or use the gym's rules) where an endpoint is unreliable.
/// </summary>
public sealed class ChatReviser(IChatClient client, ChatOptions? options = null) : IReviser
{
    public async Task<Revision> ReviseAsync(string prompt, string answer, Principle principle, CancellationToken cancellationToken)
    {
        List<ChatMessage> conversation =
        [
            new(ChatRole.User, prompt),
            new(ChatRole.Assistant, answer),
            new(ChatRole.User, principle.CritiqueRequest),
        ];
        var critique = await ReplyAsync(conversation, "critique", principle, cancellationToken);
        conversation.Add(new ChatMessage(ChatRole.Assistant, critique));
        conversation.Add(new ChatMessage(ChatRole.User, principle.RevisionRequest));
        var revision = await ReplyAsync(conversation, "revision", principle, cancellationToken);
        // Completions start with the space that separates them from the prompt; keep the answer's so the policy trains on the same split.
        if (answer.Length > 0 && char.IsWhiteSpace(answer[0])) revision = " " + revision;
        return new Revision(critique, revision);
    }

    private async Task<string> ReplyAsync(List<ChatMessage> conversation, string step, Principle principle, CancellationToken cancellationToken)
    {
        // A copy: a client may keep the list it was given, and the conversation grows after this call.
        ChatResponse response;
        try
        {
            response = await client.GetResponseAsync(conversation.ToList(), options, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Told by type only: a client's exception can carry the server's whole response, credentials included.
            throw new InvalidOperationException($"The chat model failed on the {step} for principle '{principle.Id}' ({e.GetType().Name}); check the endpoint, or revise with the gym's rules.");
        }
        var text = response.Text.Trim();
        return text.Length > 0
            ? text
            : throw new InvalidOperationException($"The chat model returned an empty {step} for principle '{principle.Id}'; a revision needs text to train on.");
    }
}
