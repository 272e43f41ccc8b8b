using AlignDsl.Catalogue;
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
    /// <summary>The experiment's own [Budget] in GiB, 0 when it declares none (the assembly's may apply).</summary>
    public double BudgetGiB { get; init; }

    public LocationInfo? BudgetLocation { get; init; }

    /// <summary>The constitution's principles, in declaration order (empty when it declares none).</summary>
    public EquatableArray<PrincipleModel> Principles { get; init; } = EquatableArray<PrincipleModel>.Empty;

    /// <summary>The rewards of an online objective: a reward model, reward function types, [Reward] methods (null when none is declared).</summary>
    public RewardsModel? Reward { get; init; }

    /// <summary>Whether a declared suite compares the policy with its reference or starting point (win rate, KL).</summary>
    public bool NeedsBaseline => EvalSuites.Any(s => s.NeedsBaseline);

    /// <summary>The user's own probe files for red teaming and over-refusal, or null for the gym's probes.</summary>
    public ProbesModel? Probes { get; init; }
    /// <summary>The pretrained policy's size from its config.json, where the project gives that file; null otherwise.</summary>
    public PretrainedShapeModel? PretrainedShape { get; init; }

    /// <summary>LoRA adapters on the policy, or null when all its weights train.</summary>
    public LoraModel? Lora { get; init; }

    /// <summary>PPO's failure-mode guards with their bounds (defaults folded in); null for objectives without rollouts.</summary>
    public GuardsModel? Guards { get; init; }

    /// <summary>The members the user declared in the class (every part), which the generated part must not declare again.</summary>
    public EquatableArray<MemberModel> UserMembers { get; init; } = EquatableArray<MemberModel>.Empty;

    /// <summary>The declared sweep: this class is then no experiment itself but one per value (<see cref="Parsing.SweepExpansion"/>).</summary>
    public SweepModel? Sweep { get; init; }

    /// <summary>For a member of a sweep: the sweep and this member's value; its class is nested in the declaration's.</summary>
    public SweepPointModel? Point { get; init; }

    /// <summary>True when nothing stops generation: no error-severity diagnostic was found while parsing.</summary>
    public bool CanEmit { get; init; } = true;

    public string HintName => (Namespace.Length == 0 ? "" : Namespace + ".") + (Point is null ? "" : Point.DeclaringClass + ".") + ClassName + ".g.cs";
}

/// <summary>
/// The objective an experiment declares, with the value of each of its catalogue entry's settings in the entry's order
/// (defaults folded in; a switch is 0 or 1, a choice its enum member's number).
/// </summary>
internal sealed record ObjectiveModel(ObjectiveKind Kind, EquatableArray<double> Values)
{
    public ObjectiveEntry Entry => ObjectiveCatalogue.Of(Kind);

    /// <summary>The value of the named setting; 0 for a setting the objective does not have.</summary>
    public double this[string setting] => Entry.IndexOf(setting) is >= 0 and var i && i < Values.Count ? Values[i] : 0;

    public bool PrecomputeReference => this["PrecomputeReferenceLogProbs"] != 0;

    /// <summary>DPO's hinge loss (<c>Loss = DpoLoss.Hinge</c>).</summary>
    public bool Hinge => this["Loss"] == 1;

    /// <summary>Reward model: weigh each pair by its weight (1/C(k,2) for a ranking's pairs) in the loss.</summary>
    public bool RankingWeights => this["RankingWeights"] != 0;

    /// <summary>False only for a reward model: every other objective trains a policy.</summary>
    public bool TrainsPolicy => Entry.TrainsPolicy;
}

/// <summary>
/// The policy: a fresh tiny GPT of the given size, or the policy of <see cref="InitFromName"/>.
/// For an InitFrom policy the size is the root experiment's, filled in once all experiments are known.
/// </summary>
internal sealed record PolicyModel(string? InitFromClass, string? InitFromName, int Layers, int ModelDim, int Heads, int Context, LocationInfo? InitFromLocation)
{
    /// <summary>A Hugging Face model folder the policy starts from (as written), or null for the tiny GPT.</summary>
    public string? Pretrained { get; init; }

    public LocationInfo? PretrainedLocation { get; init; }

    /// <summary>Declared chat template text, or null for the model's own.</summary>
    public string? ChatTemplate { get; init; }

    public LocationInfo? ChatTemplateLocation { get; init; }

    /// <summary>The pretrained folder the InitFrom chain starts from, for a policy that inherits it; filled in once all experiments are known.</summary>
    public string? InheritedPretrained { get; init; }

    /// <summary>Whether the policy is a pretrained model (its own or inherited), whose data is rendered with its chat template.</summary>
    public bool IsPretrained => Pretrained is not null || InheritedPretrained is not null;
}

/// <summary>Declared probe files (paths as written; null where the gym's prompts stay) and where each was written.</summary>
internal sealed record ProbesModel(string? Harmful, string? Benign, LocationInfo? Location)
{
    public LocationInfo? HarmfulLocation { get; init; }
    public LocationInfo? BenignLocation { get; init; }
}

/// <summary>Declared LoRA adapters: rank, α, dropout and the comma-separated target module names, as written.</summary>
internal sealed record LoraModel(int Rank, double Alpha, double Dropout, string Targets, LocationInfo? Location)
{
    public LocationInfo? RankLocation { get; init; }
    public LocationInfo? AlphaLocation { get; init; }
    public LocationInfo? DropoutLocation { get; init; }
    public LocationInfo? TargetsLocation { get; init; }
}

/// <summary>
/// The failure-mode guards' bounds, as declared with <c>[Guards]</c> or the defaults; <see cref="Action"/> is a member of
/// <c>AlignDsl.GuardAction</c>.
/// </summary>
internal sealed record GuardsModel(double MaxKl, double KlGrowthFactor, int Window, double MinEntropy, double MinDistinctRatio, double MaxLengthGrowth,
    double MaxJudgeDrop, string Action);

internal enum DataKindModel { Gym, Jsonl, Constitution }

/// <summary>Where training data comes from: a gym task, or JSONL files with the shape their lines are declared to have.</summary>
internal sealed record DataModel(DataKindModel Kind, string GymTask, string? Path, string? HeldOutPath)
{
    /// <summary>A member of <c>AlignDsl.JsonlShape</c>; "FromObjective" when not declared.</summary>
    public string Shape { get; init; } = "FromObjective";

    public LocationInfo? PathLocation { get; init; }

    public LocationInfo? HeldOutLocation { get; init; }

    /// <summary>Pairs of sampled answers per prompt the judge labels, for constitutional AI feedback.</summary>
    public int PairsPerPrompt { get; init; } = 1;

    /// <summary>AI feedback labelled by the principles' phrase rules instead of the run's judge.</summary>
    public bool JudgeByPrinciples { get; init; }

    /// <summary>Critique-and-revision rounds per prompt, for SFT on constitutional data.</summary>
    public int Rounds { get; init; } = 1;

    /// <summary>KTO reading a file of pairs (or rankings or annotated pairs, which become pairs), which it splits into desirable and undesirable completions.</summary>
    public bool SplitPairsIntoFeedback => Kind == DataKindModel.Jsonl && Shape is "Pairs" or "Rankings" or "Annotated";
}

internal sealed record TrainingModel(int Steps, int BatchSize, double LearningRate, int WarmupSteps, double WeightDecay, double MaxGradNorm,
    int MaxLength, int EvalEvery, int LogEvery, int Seed)
{
    /// <summary>Save a checkpoint every this many steps (0: only at the last), keeping the newest <see cref="KeepCheckpoints"/>.</summary>
    public int CheckpointEvery { get; init; } = AlignDsl.Declarations.Defaults.CheckpointEvery;
    public int KeepCheckpoints { get; init; } = AlignDsl.Declarations.Defaults.KeepCheckpoints;

    /// <summary>A member of <c>AlignDsl.Precision</c>: "Fp32" or "Bf16".</summary>
    public string Precision { get; init; } = nameof(AlignDsl.Precision.Fp32);

    public bool GradientCheckpointing { get; init; }
    public bool BucketByLength { get; init; }

    /// <summary>libtorch's CPU threads; 0 lets the host choose.</summary>
    public int Threads { get; init; } = AlignDsl.Declarations.Defaults.Threads;

    /// <summary>Where MaxLength was written (or the class), for the context check that needs the inherited policy.</summary>
    public LocationInfo? MaxLengthLocation { get; init; }
}

/// <summary>A declared evaluation suite: its fully qualified type name and its short name for reports.</summary>
internal sealed record SuiteModel(string TypeName, string ShortName)
{
    /// <summary>Win rate and KL compare the policy with its reference or starting point.</summary>
    public bool NeedsBaseline { get; init; }
}

/// <summary>
/// One reward of an online objective: the reward model of experiment <see cref="ExperimentClass"/> (named
/// <see cref="ExperimentName"/>), an instance of <see cref="FunctionType"/> (fully qualified), or the experiment class's
/// static method <see cref="Method"/>; its score counts <see cref="Weight"/> times in the sum.
/// </summary>
internal sealed record RewardSourceModel(string? ExperimentClass, string? ExperimentName, string? FunctionType, LocationInfo? Location)
{
    public bool IsModel => ExperimentName is not null;

    public double Weight { get; init; } = 1.0;

    /// <summary>Where Weight was written, else where the reward was.</summary>
    public LocationInfo? WeightLocation { get; init; }

    /// <summary>The name of a [Reward] method of the experiment class, or null.</summary>
    public string? Method { get; init; }

    /// <summary>The method as the generated code names it, through the experiment class (a local of the loop cannot hide it).</summary>
    public string? MethodCall { get; init; }

    /// <summary>Whether the method returns double (a float or int return is converted in a lambda).</summary>
    public bool MethodReturnsDouble { get; init; } = true;

    /// <summary>The reward's name in metrics (<c>rewards/&lt;name&gt;/mean</c>) and <c>describe</c>: the experiment's name, the method's, or the type's.</summary>
    public string Name => ExperimentName ?? Method ?? TypeName(FunctionType!);

    /// <summary>A fully qualified type's own name, without namespace, containing types or type arguments.</summary>
    private static string TypeName(string type)
    {
        var generic = type.IndexOf('<');
        var head = generic < 0 ? type : type.Substring(0, generic);
        return head.Substring(head.LastIndexOf('.') + 1).Replace("global::", "");
    }
}

/// <summary>The rewards of an online objective in declaration order: at most one reward model, functions and methods.</summary>
internal sealed record RewardsModel(EquatableArray<RewardSourceModel> Sources)
{
    /// <summary>The reward model among them, or null.</summary>
    public RewardSourceModel? Model => Sources.FirstOrDefault(s => s.IsModel);

    /// <summary>Whether a reward model is among them (resident while training).</summary>
    public bool IsModel => Model is not null;

    /// <summary>One reward model or reward function of weight 1: scored directly, with no sum to form.</summary>
    public bool IsSingle => Sources.Count == 1 && Sources[0] is { Method: null, Weight: 1.0 };
}

/// <summary>One principle of the constitution, with the requests left out derived at run time.</summary>
internal sealed record PrincipleModel(string Id, string Text, string? CritiqueRequest, string? RevisionRequest, string? ComparisonInstruction, double Weight)
{
    /// <summary>Phrases for the principle judge: present, they make an answer follow (or break) the principle.</summary>
    public EquatableArray<string> Prefer { get; init; } = EquatableArray<string>.Empty;

    public EquatableArray<string> Avoid { get; init; } = EquatableArray<string>.Empty;

    public bool HasRules => Prefer.Items.Length + Avoid.Items.Length > 0;
}

/// <summary>A member the user declared in an experiment class: its name and where the name was written.</summary>
internal sealed record MemberModel(string Name, LocationInfo? Location);
