using AlignDsl.Data;
using AlignDsl.Declarations;
using AlignDsl.Evaluation;

// The section builders are syntax read by the generator (see ExperimentBuilder): each method's parameters are the
// attribute's settings under camel-case names, with the attribute's defaults, and the body does nothing.
namespace AlignDsl;

/// <summary>The policy: a fresh tiny GPT of a size, or another experiment's trained policy (see <see cref="PolicyAttribute"/>).</summary>
public sealed class PolicyBuilder
{
    private PolicyBuilder() { }

    /// <summary>Start from the final checkpoint of the experiment class <typeparamref name="TExperiment"/>.</summary>
    public PolicyBuilder InitFrom<TExperiment>() where TExperiment : class => this;

    /// <summary>Start from a local Hugging Face model folder, relative to the working directory (<c>[Policy(Pretrained = …)]</c>).</summary>
    public PolicyBuilder Pretrained(string folder) => this;

    /// <summary>Render conversations with this template (e.g. <c>ChatTemplates.ChatMl</c>) instead of the folder's own.</summary>
    public PolicyBuilder ChatTemplate(string template) => this;

    public PolicyBuilder Size(int layers = Defaults.Layers, int modelDim = Defaults.ModelDim, int heads = Defaults.Heads, int context = Defaults.Context) => this;
}

/// <summary>LoRA adapters on the policy (see <see cref="LoraAttribute"/>).</summary>
public sealed class LoraBuilder
{
    private LoraBuilder() { }

    public LoraBuilder Adapters(int rank = Defaults.LoraRank, double alpha = Defaults.LoraAlpha, double dropout = Defaults.LoraDropout,
        string targets = Defaults.LoraTargets) => this;
}

/// <summary>The one objective of an experiment, with its hyperparameters (see the objective attributes).</summary>
public sealed class ObjectiveBuilder
{
    private ObjectiveBuilder() { }

    public ObjectiveBuilder Sft() => this;

    public ObjectiveBuilder RewardModel(double margin = Defaults.RewardMargin, double centerRewards = Defaults.RewardCentering, bool rankingWeights = false) => this;

    public ObjectiveBuilder Dpo(double beta = Defaults.DpoBeta, double labelSmoothing = Defaults.LabelSmoothing, DpoLoss loss = DpoLoss.Sigmoid,
        bool precomputeReferenceLogProbs = false) => this;

    public ObjectiveBuilder Ipo(double beta = Defaults.IpoBeta, bool precomputeReferenceLogProbs = false) => this;

    /// <summary>SimPO; a γ left out is 0.5·β, as with the attribute.</summary>
    public ObjectiveBuilder SimPo(double beta = Defaults.SimPoBeta, double gamma = double.NaN, double sftWeight = 0.0) => this;

    public ObjectiveBuilder Orpo(double lambda = Defaults.OrpoLambda) => this;

    public ObjectiveBuilder Kto(double beta = Defaults.KtoBeta, double desirableWeight = Defaults.KtoDesirableWeight,
        double undesirableWeight = Defaults.KtoUndesirableWeight, bool precomputeReferenceLogProbs = false) => this;

    public ObjectiveBuilder Ppo(double klCoefficient = Defaults.PpoKlCoefficient, double clipRange = Defaults.PpoClipRange,
        double valueClipRange = Defaults.PpoValueClipRange, double valueCoefficient = Defaults.PpoValueCoefficient, int ppoEpochs = Defaults.PpoEpochs,
        int maxNewTokens = Defaults.PpoMaxNewTokens, int rolloutsPerPrompt = Defaults.PpoRolloutsPerPrompt, int miniBatches = Defaults.PpoMiniBatches,
        double missingEosPenalty = Defaults.PpoMissingEosPenalty, double targetKl = Defaults.PpoTargetKl, int klHorizon = Defaults.PpoKlHorizon) => this;

    public ObjectiveBuilder Grpo(int generations = Defaults.GrpoGenerations, double beta = Defaults.GrpoBeta, double clipRange = Defaults.GrpoClipRange,
        int iterations = Defaults.GrpoIterations, GrpoLoss loss = GrpoLoss.Grpo, int maxNewTokens = Defaults.GrpoMaxNewTokens) => this;

    public ObjectiveBuilder Rloo(int generations = Defaults.RlooGenerations, double beta = Defaults.RlooBeta, double clipRange = Defaults.RlooClipRange,
        int iterations = Defaults.RlooIterations, int maxNewTokens = Defaults.RlooMaxNewTokens) => this;
}

/// <summary>Where training data comes from: a gym task, a JSONL file, or the experiment's constitution.</summary>
public sealed class DataBuilder
{
    private DataBuilder() { }

    public DataBuilder Gym(GymTask task) => this;

    public DataBuilder Jsonl(string path, string? heldOut = null, JsonlShape shape = JsonlShape.FromObjective) => this;

    /// <summary>Data made from the experiment's constitution (see <see cref="FromConstitutionAttribute"/>).</summary>
    public DataBuilder FromConstitution(GymTask prompts, int pairsPerPrompt = 1, int rounds = 1) => this;
}

/// <summary>
/// The rewards of an online objective: another experiment's reward model and reward functions, each with its weight in
/// their sum (see <see cref="RewardFromAttribute"/> and <see cref="RewardFunctionAttribute"/>).
/// </summary>
public sealed class RewardBuilder
{
    private RewardBuilder() { }

    /// <summary>The trained reward model of the experiment class <typeparamref name="TExperiment"/>.</summary>
    public RewardBuilder From<TExperiment>(double weight = 1.0) where TExperiment : class => this;

    public RewardBuilder Function<TFunction>(double weight = 1.0) where TFunction : Rewards.IRewardFunction, new() => this;
}

/// <summary>The experiment's constitution: its principles (see <see cref="PrincipleAttribute"/>).</summary>
public sealed class ConstitutionBuilder
{
    private ConstitutionBuilder() { }

    public ConstitutionBuilder Principle(string id, string text, string? critiqueRequest = null, string? revisionRequest = null,
        string? comparisonInstruction = null, double weight = 1.0) => this;
}

/// <summary>The optimisation settings (see <see cref="TrainingAttribute"/>).</summary>
public sealed class TrainingBuilder
{
    private TrainingBuilder() { }

    public TrainingBuilder Steps(int value) => this;
    public TrainingBuilder BatchSize(int value) => this;
    public TrainingBuilder LearningRate(double value) => this;
    public TrainingBuilder WarmupSteps(int value) => this;
    public TrainingBuilder WeightDecay(double value) => this;
    public TrainingBuilder MaxGradNorm(double value) => this;
    public TrainingBuilder MaxLength(int value) => this;
    public TrainingBuilder EvalEvery(int value) => this;
    public TrainingBuilder LogEvery(int value) => this;
    public TrainingBuilder Seed(int value) => this;
    public TrainingBuilder CheckpointEvery(int value) => this;
    public TrainingBuilder KeepCheckpoints(int value) => this;
}

/// <summary>The evaluation suites, run in declaration order.</summary>
public sealed class EvaluationBuilder
{
    private EvaluationBuilder() { }

    public EvaluationBuilder PreferenceAccuracy() => this;
    public EvaluationBuilder RedTeam() => this;
    public EvaluationBuilder OverRefusal() => this;
    public EvaluationBuilder RewardModelBias() => this;
    public EvaluationBuilder WinRate() => this;
    public EvaluationBuilder KlDivergence() => this;

    public EvaluationBuilder Suite<TSuite>() where TSuite : IEvalSuite, new() => this;
}
