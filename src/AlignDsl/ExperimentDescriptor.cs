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
    /// <summary>The sweep this experiment is a member of, with its value of the swept setting; null for a declared experiment.</summary>
    public Sweeps.SweepPoint? Sweep { get; init; }

    /// <summary>The experiment whose trained reward model scores this one's samples (PPO), or null.</summary>
    public string? RewardFrom { get; init; }

    /// <summary>Every reward of an online objective with its weight, in declaration order; empty for an offline objective.</summary>
    public IReadOnlyList<RewardPlan> Rewards { get; init; } = [];

    /// <summary>The held-out JSONL file, or null (the gym's split, or the last tenth of the training file).</summary>
    public string? HeldOut { get; init; }

    /// <summary>The declared shape of JSONL lines (a member of <c>JsonlShape</c>): <c>FromObjective</c> unless declared.</summary>
    public string JsonlShape { get; init; } = "FromObjective";

    /// <summary>The objective's on/off settings declared on: <c>Hinge</c> (DPO's loss), <c>PrecomputeReferenceLogProbs</c>, <c>RankingWeights</c>.</summary>
    public IReadOnlyList<string> Switches { get; init; } = [];

    /// <summary>Every file the run reads besides the gym (JSONL data, held-out data, probe files), as declared: the host checks them before anything trains.</summary>
    public IReadOnlyList<string> DataFiles { get; init; } = [];
    /// <summary>The type models compute in: bf16 trains through fp32 master weights, and frozen models score in bf16 too.</summary>
    public Precision Precision { get; init; } = Precision.Fp32;

    /// <summary>Whether each block's activations are recomputed in the backward pass instead of kept.</summary>
    public bool GradientCheckpointing { get; init; }

    /// <summary>LoRA's trained adapter parameters on the policy, whose base is then frozen; 0 when all its weights train.</summary>
    public long AdapterParameters { get; init; }
    /// <summary>The Hugging Face model folder the policy starts from (<c>[Policy(Pretrained = …)]</c>), or null.</summary>
    public string? Pretrained { get; init; }

    /// <summary>The declared chat template's text, or null for the model folder's own (or the gym's frame).</summary>
    public string? ChatTemplate { get; init; }

    /// <summary>The declared LoRA adapters, or null when all weights train.</summary>
    public LoraPlan? Lora { get; init; }

    /// <summary>Every hyperparameter of the declaration, defaults included, in declaration order (objective's first): for <c>describe</c>, <c>summary.json</c> and <c>report.md</c>.</summary>
    public IReadOnlyList<Hyperparameter> Hyperparameters { get; init; } = [];

    /// <summary>
    /// The objective's own numeric settings, in its catalogue entry's order, with the values of <paramref name="values"/>
    /// (by default the declared ones, defaults included): β first for the objectives that have one.
    /// </summary>
    public IReadOnlyList<Hyperparameter> ObjectiveSettings(IReadOnlyList<Hyperparameter>? values = null) =>
        Entry.Settings.Where(s => s.IsConstant).Select(s => (values ?? Hyperparameters).FirstOrDefault(h => h.Name == s.Name)).OfType<Hyperparameter>().ToList();

    /// <summary>The objective's settings as <c>describe</c> shows them: each number with its typical range where the catalogue knows one, then the switches that are on.</summary>
    public string ObjectiveSettingsText()
    {
        var parts = ObjectiveSettings().Select(h => Entry.Setting(h.Name)?.Typical is { } t
            ? FormattableString.Invariant($"{h.Name} {h.Value} (typical {t.Low}–{t.High})")
            : FormattableString.Invariant($"{h.Name} {h.Value}")).Concat(Switches).ToList();
        return parts.Count == 0 ? "no settings of its own" : string.Join(", ", parts);
    }

    /// <summary>The experiments whose finished runs this one loads: the one it starts from, and its reward model's.</summary>
    public IReadOnlyList<string> Needs => new[] { InitFrom, RewardFrom }.OfType<string>().Distinct().ToList();

    /// <summary>
    /// Estimated bytes held during training: weights, gradients and AdamW state of trainable models, weights of frozen
    /// ones (in the declared precision), and a step's activations (docs/memory.md).
    /// </summary>
    public long EstimatedTrainingBytes => ResidentModels.Sum(EstimatedBytes) + EstimatedActivationBytes;

    /// <summary>The objective as the catalogue describes it: its settings, resident models, reference and scorer.</summary>
    public Catalogue.ObjectiveEntry Entry => Catalogue.ObjectiveCatalogue.Of(Objective);

    /// <summary>The reference's log-probs are computed before training: declared on (<see cref="Switches"/>), so no reference is resident.</summary>
    private bool PrecomputesReference => Switches.Contains("PrecomputeReferenceLogProbs");

    /// <summary>
    /// One resident model's weights and optimiser state in the declared precision. With LoRA the trained model (the
    /// policy, or a reward model) keeps its base frozen; a reward model's head trains beside the adapters.
    /// </summary>
    public long EstimatedBytes(ResidentModel model) => new Rules.ResidentEstimate(model.Role, model.Trainable, model.Parameters, Precision,
        Rules.MemoryEstimate.TrainedWithAdapters(model.Role, model.Trainable, AdapterParameters, Model.ModelDim)).Bytes;

    /// <summary>The activations, logits and backward buffers of one update at the declared batch size (PPO: its mini-batch of answers) and MaxLength.</summary>
    public long EstimatedActivationBytes => Rules.ActivationEstimate.Bytes(Entry, PrecomputesReference,
        (int)Math.Ceiling(Training.BatchSize * Entry.ExamplesPerUpdate(name => Hyperparameters.FirstOrDefault(h => h.Name == name)?.Value ?? 1)), Training.MaxLength,
        Model.Layers, Model.ModelDim, 4L * Model.ModelDim, Model.VocabularySize, Precision, GradientCheckpointing);
}

/// <summary>One setting of a declaration, as folded into the generated constants.</summary>
public sealed record Hyperparameter(string Name, double Value);

/// <summary>One model an objective keeps in memory while training.</summary>
public sealed record ResidentModel(string Role, bool Trainable, long Parameters)
{
    public override string ToString() => $"{Role} ({(Trainable ? "trainable" : "frozen")})";
}

/// <summary>One reward of an online objective: its name (logged as <c>rewards/&lt;name&gt;/mean</c>), its weight in the sum, and its kind.</summary>
public sealed record RewardPlan(string Name, double Weight, RewardKind Kind)
{
    /// <summary>"0.5 × gym-rm (reward model, frozen)"; a weight of 1 goes unsaid.</summary>
    public override string ToString() => FormattableString.Invariant($"{(Weight == 1 ? "" : $"{Weight} × ")}{Name} ({Kind switch
    {
        RewardKind.Model => "reward model, frozen",
        RewardKind.Function => "reward function",
        _ => "method",
    }})");

    /// <summary>As <c>describe --json</c> and summary.json list it: name, weight and kind.</summary>
    public System.Text.Json.Nodes.JsonObject ToJson() => new() { ["name"] = Name, ["weight"] = Weight, ["kind"] = Kind.ToString().ToLowerInvariant() };
}

/// <summary>What scores answers: another experiment's reward model, an <c>IRewardFunction</c> type, or a <c>[Reward]</c> method.</summary>
public enum RewardKind { Model, Function, Method }

/// <summary>LoRA as declared: rank, α, dropout and the comma-separated target projections.</summary>
public sealed record LoraPlan(int Rank, double Alpha, double Dropout, string Targets);

/// <summary>The training settings of an experiment as declared (before any command-line override).</summary>
public sealed record TrainingPlan(int Steps, int BatchSize, double LearningRate, int MaxLength, int EvalEvery, int LogEvery, int Seed)
{
    /// <summary>libtorch's CPU threads as declared; 0 chooses by model size (<see cref="Running.CpuThreads.Choose"/>).</summary>
    public int Threads { get; init; }
}
