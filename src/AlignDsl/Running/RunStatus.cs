namespace AlignDsl.Running;

/// <summary>The <c>status</c> of a run in its <c>summary.json</c>.</summary>
public static class RunStatus
{
    /// <summary>Trained, evaluated and saved; its folder has no suffix, and experiments may start from it.</summary>
    public const string Finished = "finished";

    /// <summary>Stopped (cancelled, SIGTERM, an error) after at least one checkpoint: <c>--resume</c> continues it.</summary>
    public const string Interrupted = "interrupted";

    /// <summary>A non-finite loss, gradient norm or weight stopped it; its last good checkpoint is kept.</summary>
    public const string Diverged = "diverged";

    /// <summary>Training completed and its last checkpoint holds the weights, but the final evaluation failed: <c>--resume</c> reruns only the evaluation.</summary>
    public const string EvaluationFailed = "evaluation_failed";

    /// <summary>Training and evaluation completed but the final save failed; the last checkpoint holds the weights.</summary>
    public const string SaveFailed = "save_failed";

    /// <summary>A failure-mode guard declared to halt fired (KL explosion, reward hacking, collapse); a checkpoint of that step is kept.</summary>
    public const string HaltedByGuard = "halted_by_guard";
}
