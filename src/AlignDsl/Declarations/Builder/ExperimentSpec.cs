using AlignDsl.Data;
using AlignDsl.Declarations;

namespace AlignDsl;

/// <summary>
/// An experiment as <see cref="ExperimentBuilder"/> recorded it: the same settings the attributes declare, with the
/// same defaults. A plain value; building one does not train anything.
/// </summary>
public sealed record ExperimentSpec
{
    /// <summary>The declared objective; null until one is declared (Build rejects that).</summary>
    public ObjectiveKind? Objective { get; init; }

    /// <summary>How many objectives were declared; exactly one is valid.</summary>
    public int ObjectiveCount { get; init; }

    public double Beta { get; init; }
    public double LabelSmoothing { get; init; } = Defaults.LabelSmoothing;
    public DpoLoss Loss { get; init; } = DpoLoss.Sigmoid;
    public bool PrecomputeReferenceLogProbs { get; init; }
    public double Gamma { get; init; }
    public double SftWeight { get; init; }
    public double Lambda { get; init; }
    public double DesirableWeight { get; init; }
    public double UndesirableWeight { get; init; }
    public double Margin { get; init; }
    public double CenterRewards { get; init; }
    public double ClipRange { get; init; }
    public double ValueCoefficient { get; init; }
    public int PpoEpochs { get; init; }
    public int MaxNewTokens { get; init; }

    /// <summary>PPO's reward: a reward-model experiment class, or a reward function type (exactly one).</summary>
    public Type? RewardFrom { get; init; }

    public Type? RewardFunction { get; init; }

    /// <summary>The experiment class whose policy this one starts from, or null for a fresh policy of the size below.</summary>
    public Type? InitFrom { get; init; }

    /// <summary>A Hugging Face model folder the policy starts from, or null (<c>[Policy(Pretrained = …)]</c>).</summary>
    public string? Pretrained { get; init; }

    /// <summary>The declared chat template text, or null for the folder's own.</summary>
    public string? ChatTemplate { get; init; }

    /// <summary>Declared LoRA adapters, or null.</summary>
    public LoraPlan? Lora { get; init; }

    public int Layers { get; init; } = Defaults.Layers;
    public int ModelDim { get; init; } = Defaults.ModelDim;
    public int Heads { get; init; } = Defaults.Heads;
    public int Context { get; init; } = Defaults.Context;

    /// <summary>The gym task trained on, or null for JSONL data (or none).</summary>
    public GymTask? GymTask { get; init; }

    public string? JsonlPath { get; init; }
    public string? HeldOutPath { get; init; }
    public JsonlShape Shape { get; init; } = JsonlShape.FromObjective;

    /// <summary>The gym task whose prompts the constitution's data is made from, or null when the data comes from elsewhere.</summary>
    public GymTask? ConstitutionPrompts { get; init; }

    /// <summary>Pairs of sampled answers per prompt for the judge to label.</summary>
    public int PairsPerPrompt { get; init; } = 1;

    /// <summary>Critique-and-revision rounds per prompt (SFT on constitutional data).</summary>
    public int Rounds { get; init; } = 1;

    /// <summary>The constitution's principles, in declaration order.</summary>
    public IReadOnlyList<PrincipleSpec> Principles { get; init; } = [];

    public int Steps { get; init; } = Defaults.Steps;
    public int BatchSize { get; init; } = Defaults.BatchSize;
    public double LearningRate { get; init; } = Defaults.LearningRate;
    public int WarmupSteps { get; init; } = Defaults.WarmupSteps;
    public double WeightDecay { get; init; } = Defaults.WeightDecay;
    public double MaxGradNorm { get; init; } = Defaults.MaxGradNorm;
    public int MaxLength { get; init; } = Defaults.MaxLength;
    public int EvalEvery { get; init; } = Defaults.EvalEvery;
    public int LogEvery { get; init; } = Defaults.LogEvery;
    public int Seed { get; init; } = Defaults.Seed;
    public int CheckpointEvery { get; init; } = Defaults.CheckpointEvery;
    public int KeepCheckpoints { get; init; } = Defaults.KeepCheckpoints;

    /// <summary>The evaluation suites, in declaration order.</summary>
    public IReadOnlyList<Type> EvalSuites { get; init; } = [];
}

/// <summary>A principle as the builder recorded it (see <see cref="PrincipleAttribute"/>).</summary>
public sealed record PrincipleSpec(string Id, string Text, string? CritiqueRequest, string? RevisionRequest, string? ComparisonInstruction, double Weight);
