using AlignDsl.Chat;

namespace AlignDsl.Data.Conversations;

/// <summary>
/// One field of a TRL example: plain text (TRL's standard format) or a list of <c>{role, content}</c> messages
/// (its conversational format). Exactly one of the two is set.
/// </summary>
public sealed record Turns
{
    private Turns(string? text, IReadOnlyList<ChatMessage>? messages) => (Text, Messages) = (text, messages);

    public string? Text { get; }
    public IReadOnlyList<ChatMessage>? Messages { get; }
    public bool IsConversational => Messages is not null;

    public static Turns Of(string text) => new(text, null);
    public static Turns Of(IReadOnlyList<ChatMessage> messages) => new(null, messages);

    public bool Equals(Turns? other) =>
        other is not null && Text == other.Text && (Messages is null ? other.Messages is null : other.Messages is not null && Messages.SequenceEqual(other.Messages));

    public override int GetHashCode() => HashCode.Combine(Text, Messages?.Count);
}
