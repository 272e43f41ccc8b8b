namespace AlignDsl.Data.Conversations;

/// <summary>
/// One line of a TRL dataset as written, before any chat template: its shape and the fields that shape has
/// (<see cref="Prompt"/> is null for language modeling and, until extracted, for implicit-prompt pairs).
/// </summary>
/// <param name="LearnsEveryAnswer">For a demonstration: learn the assistant turns inside the prompt too (a <c>messages</c> row's).</param>
/// <param name="Margin">A preference row's <c>margin</c> field, for reward models.</param>
public sealed record TrlExample(TrlShape Shape, Turns? Prompt = null, Turns? Completion = null, Turns? Chosen = null, Turns? Rejected = null, bool? Label = null,
    bool LearnsEveryAnswer = false, double? Margin = null);
