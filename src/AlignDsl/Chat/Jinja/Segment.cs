namespace AlignDsl.Chat.Jinja;

/// <summary>What a piece of template text is: literal text, an <c>{{ expression }}</c> or a <c>{% statement %}</c>.</summary>
internal enum SegmentKind { Text, Expression, Statement }

/// <summary>One piece of the template; <see cref="Offset"/> is where its content starts in the template text.</summary>
internal sealed record Segment(SegmentKind Kind, string Content, int Offset);
