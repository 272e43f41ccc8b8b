namespace AlignDsl;

/// <summary>
/// Trains on a JSONL file in TRL's conventions: <c>{"prompt","completion"}</c> for SFT,
/// <c>{"prompt","chosen","rejected"}</c> for pairs; pair objectives also read k-wise rankings and annotated pairs when
/// <see cref="Shape"/> says so. Paths are relative to the working directory.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class JsonlDataAttribute(string path) : Attribute
{
    public string Path { get; } = path;

    /// <summary>A held-out file of the same shape; without one, the last tenth of <see cref="Path"/> is held out.</summary>
    public string? HeldOut { get; set; }

    /// <summary>
    /// What each line holds. Left as <see cref="JsonlShape.FromObjective"/>, the file is read in the shape the objective
    /// needs; declared, the generator checks it against the objective (ALIGN025) — KTO can split pairs (ALIGN026).
    /// </summary>
    public JsonlShape Shape { get; set; }
}

/// <summary>The shape of a JSONL file's lines.</summary>
public enum JsonlShape
{
    /// <summary>Whatever the objective needs.</summary>
    FromObjective,

    /// <summary><c>{"prompt","completion"}</c></summary>
    Demonstrations,

    /// <summary><c>{"prompt","chosen","rejected"}</c></summary>
    Pairs,

    /// <summary><c>{"prompt","completion","label"}</c></summary>
    Feedback,

    /// <summary>
    /// <c>{"prompt","responses":[k strings],"ranking":[indices, best first]}</c>: each line becomes its C(k,2) preference
    /// pairs, weighted 1/C(k,2) (see <see cref="RewardModelAttribute.RankingWeights"/>).
    /// </summary>
    Rankings,

    /// <summary>
    /// <c>{"prompt","a","b","labels":{"&lt;annotator&gt;":"a"|"b",...}}</c>: pairs by majority vote (ties dropped); the
    /// annotators' agreement (Cohen's or Fleiss' κ) is measured on load, warned about below 0.6 and kept in summary.json.
    /// </summary>
    Annotated,

    /// <summary><c>{"prompt"}</c>: prompts for an online objective (PPO), which samples its own answers.</summary>
    Prompts,
}
