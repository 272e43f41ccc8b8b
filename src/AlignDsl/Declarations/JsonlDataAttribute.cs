namespace AlignDsl;

/// <summary>
/// Trains on a JSONL file in TRL's conventions: <c>{"prompt","completion"}</c> for SFT,
/// <c>{"prompt","chosen","rejected"}</c> for pairs. Paths are relative to the working directory.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class JsonlDataAttribute(string path) : Attribute
{
    public string Path { get; } = path;

    /// <summary>A held-out file of the same shape; without one, the last tenth of <see cref="Path"/> is held out.</summary>
    public string? HeldOut { get; set; }
}
