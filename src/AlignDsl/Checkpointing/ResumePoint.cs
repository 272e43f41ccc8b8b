using AlignDsl.Evaluation;

namespace AlignDsl.Checkpointing;

/// <summary>
/// Where a resumed run picks up: after <paramref name="Step"/>, with the evaluation it made before training, and the
/// step of the evaluation a cancel interrupted, which it makes before training on (null when none).
/// </summary>
public sealed record ResumePoint(int Step, EvalReport Before)
{
    public int? PendingEvaluation { get; init; }
}
