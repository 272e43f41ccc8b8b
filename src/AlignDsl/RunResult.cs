using AlignDsl.Evaluation;

namespace AlignDsl;

/// <summary>What a finished run leaves behind: where it wrote, how fast it went, and its evaluations.</summary>
public sealed record RunResult(
    string Experiment,
    ObjectiveKind Objective,
    string RunDirectory,
    int Steps,
    double Seconds,
    double TokensPerSecond,
    EvalReport Before,
    EvalReport After,
    IReadOnlyList<EvalReport> During,
    IReadOnlyDictionary<string, double> FinalMetrics)
{
    /// <summary>What the run warned about (see <see cref="RunContext.Warn"/>).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The annotators' agreement on annotated training data (see <see cref="RunContext.ReadAnnotatedPairs"/>); null for other data.</summary>
    public Data.Quality.AnnotationAgreement? DataQuality { get; init; }

    /// <summary>The rows read from each JSONL file (training and held out); empty for gym and constitutional data.</summary>
    public IReadOnlyList<Data.DataFileRows> DataFiles { get; init; } = [];

    /// <summary>Every setting the run used and where its inputs came from, for <c>summary.json</c> and <c>report.md</c>.</summary>
    public Reporting.RunProvenance? Provenance { get; init; }

    /// <summary>PPO's failure-mode guards: their bounds and every signal that fired; null for objectives without guards.</summary>
    public Guards.GuardReport? Guards { get; init; }

    /// <summary>The seed the run used (declared, or from the command line).</summary>
    public int? Seed { get; init; }

    /// <summary>The finished run folders whose models this run loaded, by experiment.</summary>
    public IReadOnlyDictionary<string, string> Parents { get; init; } = new Dictionary<string, string>();
}
