namespace AlignDsl.Data.Conversations;

/// <summary>
/// One line of a TRL dataset as written, before any chat template: its shape and the fields that shape has
/// (<see cref="Prompt"/> is null for language modeling and, until extracted, for implicit-prompt pairs).
/// </summary>
public sealed record TrlExample(TrlShape Shape, Turns? Prompt = null, Turns? Completion = null, Turns? Chosen = null, Turns? Rejected = null, bool? Label = null);
