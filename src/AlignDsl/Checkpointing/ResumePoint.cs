using AlignDsl.Evaluation;

namespace AlignDsl.Checkpointing;

/// <summary>Where a resumed run picks up: after <paramref name="Step"/>, with the evaluation it made before training.</summary>
public sealed record ResumePoint(int Step, EvalReport Before);
