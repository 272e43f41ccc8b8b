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
    IReadOnlyDictionary<string, double> LatestMetrics);
