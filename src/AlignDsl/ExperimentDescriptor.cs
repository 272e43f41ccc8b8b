using AlignDsl.Models;

namespace AlignDsl;

/// <summary>
/// What an experiment is, written out by the generator: for <c>list</c>, <c>describe</c>, dependency order and the
/// memory estimate. <see cref="InitFrom"/> is the name of the experiment whose policy this one starts from.
/// </summary>
public sealed record ExperimentDescriptor(
    string Name,
    string ClassName,
    ObjectiveKind Objective,
    DataShape Data,
    string DataSource,
    IReadOnlyList<ResidentModel> ResidentModels,
    string? InitFrom,
    ModelConfig Model,
    TrainingPlan Training,
    IReadOnlyList<string> EvalSuites)
{
    /// <summary>The experiment whose trained reward model scores this one's samples (PPO), or null.</summary>
    public string? RewardFrom { get; init; }

    /// <summary>The Hugging Face model folder the policy starts from (<c>[Policy(Pretrained = …)]</c>), or null.</summary>
    public string? Pretrained { get; init; }

    /// <summary>The declared chat template's text, or null for the model folder's own (or the gym's frame).</summary>
    public string? ChatTemplate { get; init; }

    /// <summary>The declared LoRA adapters, or null when all weights train.</summary>
    public LoraPlan? Lora { get; init; }

    /// <summary>Every hyperparameter of the declaration, defaults included, in declaration order (objective's first): for <c>describe</c>, <c>summary.json</c> and <c>report.md</c>.</summary>
    public IReadOnlyList<Hyperparameter> Hyperparameters { get; init; } = [];

    /// <summary>The experiments whose finished runs this one loads: the one it starts from, and its reward model's.</summary>
    public IReadOnlyList<string> Needs => new[] { InitFrom, RewardFrom }.OfType<string>().Distinct().ToList();

    /// <summary>Estimated bytes held during training: weights, gradients and AdamW state of trainable models, weights of frozen ones.</summary>
    public long EstimatedTrainingBytes => ResidentModels.Sum(m => m.EstimatedBytes);
}

/// <summary>One setting of a declaration, as folded into the generated constants.</summary>
public sealed record Hyperparameter(string Name, double Value);

/// <summary>One model an objective keeps in memory while training.</summary>
public sealed record ResidentModel(string Role, bool Trainable, long Parameters)
{
    /// <summary>fp32: weights (4 B/param), plus gradients and two AdamW moments (12 B/param) when trainable.</summary>
    public long EstimatedBytes => Rules.MemoryEstimate.Bytes(Parameters, Trainable);

    public override string ToString() => $"{Role} ({(Trainable ? "trainable" : "frozen")})";
}

/// <summary>LoRA as declared: rank, α, dropout and the comma-separated target projections.</summary>
public sealed record LoraPlan(int Rank, double Alpha, double Dropout, string Targets);

/// <summary>The training settings of an experiment as declared (before any command-line override).</summary>
public sealed record TrainingPlan(int Steps, int BatchSize, double LearningRate, int MaxLength, int EvalEvery, int LogEvery, int Seed);
