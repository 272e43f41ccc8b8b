namespace AlignDsl.Chat.Jinja;

/// <summary>
/// A chat template that cannot be parsed or rendered: the message names the construct, and <see cref="Line"/> and
/// <see cref="Column"/> (1-based) where it stands in the template text.
/// </summary>
public sealed class TemplateException(string problem, SourcePosition position)
    : Exception($"chat template, line {position.Line}, column {position.Column}: {problem}")
{
    /// <summary>What is wrong, without the position.</summary>
    public string Problem => problem;

    public SourcePosition Position => position;
    public int Line => position.Line;
    public int Column => position.Column;
}

/// <summary>A place in the template text, 1-based.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public static SourcePosition At(string text, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < text.Length; i++)
            if (text[i] == '\n') (line, lineStart) = (line + 1, i + 1);
        return new SourcePosition(line, offset - lineStart + 1);
    }
}
