namespace AlignDsl.Data;

/// <summary>One gym prompt with every answer the gym knows for it: the right one and the wrong ones.</summary>
internal sealed record GymItem(string Prompt, GymCategory Category, string Topic, string Right, string Wrong, string Verbose, bool HeldOut)
{
    /// <summary>The finer category results are reported by: a harm category, or XSTest's type of safe prompt.</summary>
    public string Group { get; init; } = "";

    /// <summary>
    /// The right answer elaborated with a closing remark that changes nothing: longer than <see cref="Wrong"/>, and still
    /// better. A pair that prefers it over the wrong answer prefers the longer one.
    /// </summary>
    public string LongRight { get; init; } = "";

    /// <summary>
    /// The wrong answer elaborated the same way: longer than <see cref="Right"/>, and still worse. A pair that prefers the
    /// right answer over it prefers the shorter one.
    /// </summary>
    public string LongWrong { get; init; } = "";
}
