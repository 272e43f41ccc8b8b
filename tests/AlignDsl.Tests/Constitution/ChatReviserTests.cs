using AlignDsl.Constitution;
using Microsoft.Extensions.AI;

namespace AlignDsl.Tests.Constitution;

public sealed class ChatReviserTests
{
    private static readonly Principle Kind = new("kind", "Be kind.") { CritiqueRequest = "What is unkind here?", RevisionRequest = "Rewrite it kindly." };

    [Fact]
    public async Task Sends_the_critique_request_then_the_revision_request_in_one_conversation()
    {
        var client = new ScriptedChatClient("It calls the user lazy.", "  Happy to help: try a tripod.  ");

        var revision = await new ChatReviser(client).ReviseAsync("user: night photos?\nassistant:", " do it yourself, lazy.", Kind, default);

        Assert.Equal(new Revision("It calls the user lazy.", " Happy to help: try a tripod."), revision);
        Assert.Equal(2, client.Requests.Count);
        Assert.Equal(
            [(ChatRole.User, "user: night photos?\nassistant:"), (ChatRole.Assistant, " do it yourself, lazy."), (ChatRole.User, "What is unkind here?")],
            client.Requests[0]);
        Assert.Equal(
            [.. client.Requests[0], (ChatRole.Assistant, "It calls the user lazy."), (ChatRole.User, "Rewrite it kindly.")],
            client.Requests[1]);
    }

    [Fact]
    public async Task Derived_requests_carry_the_principle_text()
    {
        var client = new ScriptedChatClient("fine", "fine");
        await new ChatReviser(client).ReviseAsync("p", "a", new Principle("kind", "Be kind."), default);
        Assert.Contains("Be kind.", client.Requests[0][^1].Text);
        Assert.Contains("Be kind.", client.Requests[1][^1].Text);
    }

    [Fact]
    public async Task An_empty_reply_is_an_error_naming_the_step()
    {
        var client = new ScriptedChatClient("It is rude.", "   ");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new ChatReviser(client).ReviseAsync("p", "a", Kind, default));
        Assert.Contains("empty revision", error.Message);
        Assert.Contains("'kind'", error.Message);
    }

    /// <summary>Answers each request with the next scripted reply and records what it was sent.</summary>
    private sealed class ScriptedChatClient(params string[] replies) : IChatClient
    {
        private int _next;

        public List<List<(ChatRole Role, string Text)>> Requests { get; } = [];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Requests.Add(messages.Select(m => (m.Role, m.Text)).ToList());
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, replies[_next++])));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() { }
    }
}
