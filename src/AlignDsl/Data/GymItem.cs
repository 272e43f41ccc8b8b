namespace AlignDsl.Data;

/// <summary>One gym prompt with every answer the gym knows for it: the right one and the wrong ones.</summary>
internal sealed record GymItem(string Prompt, GymCategory Category, string Topic, string Right, string Wrong, string Verbose, bool HeldOut)
{
    /// <summary>The finer category results are reported by: a harm category, or XSTest's type of safe prompt.</summary>
    public string Group { get; init; } = "";
}
