using AlignDsl.Evaluation;

namespace AlignDsl.Checkpointing;

/// <summary>
/// <c>state.json</c> of a checkpoint: the run's own records at that step, beside the tensors in <c>state.bin</c>.
/// <paramref name="MetricsLength"/> is the length of <c>metrics.jsonl</c> then, to which a resumed run cuts it back.
/// </summary>
public sealed record CheckpointInfo(
    string Experiment,
    int Step,
    int Steps,
    int Seed,
    long Tokens,
    long MetricsLength,
    IReadOnlyDictionary<string, string> Parents,
    IReadOnlyList<EvalReport> Evaluations,
    IReadOnlyList<string> Warnings,
    IReadOnlyDictionary<string, double> LatestMetrics)
{
    /// <summary>The command line's learning-rate override the run started with, which a resumed run keeps.</summary>
    public double? LearningRate { get; init; }

    /// <summary>The command line's batch-size override the run started with, which a resumed run keeps.</summary>
    public int? BatchSize { get; init; }

    /// <summary>The step of an evaluation inside the loop that a cancel interrupted: a resumed run makes it first.</summary>
    public int? PendingEvaluation { get; init; }

    /// <summary>The command line's β override the run started with, which a resumed run keeps.</summary>
    public double? Beta { get; init; }
}
