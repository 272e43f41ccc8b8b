namespace AlignDsl.Chat;

/// <summary>One turn of a conversation, as Hugging Face and TRL write it: <c>{"role": "user", "content": "…"}</c>.</summary>
public sealed record ChatMessage(string Role, string Content)
{
    public const string System = "system", User = "user", Assistant = "assistant";

    public static ChatMessage FromUser(string content) => new(User, content);
    public static ChatMessage FromAssistant(string content) => new(Assistant, content);
}
