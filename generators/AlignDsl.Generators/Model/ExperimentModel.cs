namespace AlignDsl.Generators.Model;

/// <summary>Everything the emitter needs about one experiment class, as equatable values.</summary>
internal sealed record ExperimentModel(
    string Namespace,
    string ClassName,
    string FullName,
    string SourceFile,
    string Name,
    ObjectiveModel? Objective,
    PolicyModel Policy,
    DataModel? Data,
    TrainingModel Training,
    EquatableArray<SuiteModel> EvalSuites,
    EquatableArray<DiagnosticInfo> Diagnostics,
    LocationInfo? Location)
{
    /// <summary>True when nothing stops generation: no error-severity diagnostic was found while parsing.</summary>
    public bool CanEmit { get; init; } = true;

    public string HintName => (Namespace.Length == 0 ? "" : Namespace + ".") + ClassName + ".g.cs";
}

/// <summary>The objective an experiment declares, with its hyperparameters (defaults folded in).</summary>
internal sealed record ObjectiveModel(ObjectiveKindModel Kind, double Beta, double LabelSmoothing);

internal enum ObjectiveKindModel { Sft, Dpo }

/// <summary>
/// The policy: a fresh tiny GPT of the given size, or the policy of <see cref="InitFromName"/>.
/// For an InitFrom policy the size is the root experiment's, filled in once all experiments are known.
/// </summary>
internal sealed record PolicyModel(string? InitFromClass, string? InitFromName, int Layers, int ModelDim, int Heads, int Context, LocationInfo? InitFromLocation);

internal enum DataKindModel { Gym, Jsonl }

/// <summary>Where training data comes from: a gym task, or JSONL files.</summary>
internal sealed record DataModel(DataKindModel Kind, string GymTask, string? Path, string? HeldOutPath);

internal sealed record TrainingModel(int Steps, int BatchSize, double LearningRate, int WarmupSteps, double WeightDecay, double MaxGradNorm,
    int MaxLength, int EvalEvery, int LogEvery, int Seed);

/// <summary>A declared evaluation suite: its fully qualified type name and its short name for reports.</summary>
internal sealed record SuiteModel(string TypeName, string ShortName);
