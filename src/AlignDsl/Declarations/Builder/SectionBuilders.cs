using AlignDsl.Data;
using AlignDsl.Declarations;
using AlignDsl.Evaluation;

namespace AlignDsl;

/// <summary>The policy: a fresh tiny GPT of a size, or another experiment's trained policy.</summary>
public sealed class PolicyBuilder
{
    internal PolicyBuilder(ExperimentSpec spec) => Spec = spec;

    internal ExperimentSpec Spec { get; private set; }

    /// <summary>Start from the final checkpoint of the experiment class <typeparamref name="TExperiment"/>.</summary>
    public PolicyBuilder InitFrom<TExperiment>() where TExperiment : class
    {
        Spec = Spec with { InitFrom = typeof(TExperiment) };
        return this;
    }

    /// <summary>Start from a local Hugging Face model folder, relative to the working directory (<c>[Policy(Pretrained = …)]</c>).</summary>
    public PolicyBuilder Pretrained(string folder)
    {
        Spec = Spec with { Pretrained = folder };
        return this;
    }

    /// <summary>Render conversations with this template (e.g. <c>ChatTemplates.ChatMl</c>) instead of the folder's own.</summary>
    public PolicyBuilder ChatTemplate(string template)
    {
        Spec = Spec with { ChatTemplate = template };
        return this;
    }

    public PolicyBuilder Size(int layers = Defaults.Layers, int modelDim = Defaults.ModelDim, int heads = Defaults.Heads, int context = Defaults.Context)
    {
        Spec = Spec with { Layers = layers, ModelDim = modelDim, Heads = heads, Context = context };
        return this;
    }
}

/// <summary>LoRA adapters on the policy (see <see cref="LoraAttribute"/>).</summary>
public sealed class LoraBuilder
{
    internal LoraBuilder(ExperimentSpec spec) => Spec = spec;

    internal ExperimentSpec Spec { get; private set; }

    public LoraBuilder Adapters(int rank = Defaults.LoraRank, double alpha = Defaults.LoraAlpha, double dropout = Defaults.LoraDropout,
        string targets = Defaults.LoraTargets)
    {
        Spec = Spec with { Lora = new LoraPlan(rank, alpha, dropout, targets) };
        return this;
    }
}

/// <summary>The one objective of an experiment, with its hyperparameters (see the objective attributes).</summary>
public sealed class ObjectiveBuilder
{
    internal ObjectiveBuilder(ExperimentSpec spec) => Spec = spec;

    internal ExperimentSpec Spec { get; private set; }

    public ObjectiveBuilder Sft() => Set(new ExperimentSpec { Objective = ObjectiveKind.Sft });

    public ObjectiveBuilder RewardModel(double margin = Defaults.RewardMargin, double centerRewards = Defaults.RewardCentering) =>
        Set(new ExperimentSpec { Objective = ObjectiveKind.RewardModel, Margin = margin, CenterRewards = centerRewards });

    public ObjectiveBuilder Dpo(double beta = Defaults.DpoBeta, double labelSmoothing = Defaults.LabelSmoothing, DpoLoss loss = DpoLoss.Sigmoid,
        bool precomputeReferenceLogProbs = false) =>
        Set(new ExperimentSpec { Objective = ObjectiveKind.Dpo, Beta = beta, LabelSmoothing = labelSmoothing, Loss = loss, PrecomputeReferenceLogProbs = precomputeReferenceLogProbs });

    public ObjectiveBuilder Ipo(double beta = Defaults.IpoBeta, bool precomputeReferenceLogProbs = false) =>
        Set(new ExperimentSpec { Objective = ObjectiveKind.Ipo, Beta = beta, PrecomputeReferenceLogProbs = precomputeReferenceLogProbs });

    /// <summary>SimPO; a γ left out (NaN) is 0.5·β, as with the attribute.</summary>
    public ObjectiveBuilder SimPo(double beta = Defaults.SimPoBeta, double gamma = double.NaN, double sftWeight = 0.0) =>
        Set(new ExperimentSpec
        {
            Objective = ObjectiveKind.SimPo, Beta = beta, SftWeight = sftWeight,
            Gamma = double.IsNaN(gamma) ? Defaults.SimPoGammaBetaRatio * beta : gamma,
        });

    public ObjectiveBuilder Orpo(double lambda = Defaults.OrpoLambda) => Set(new ExperimentSpec { Objective = ObjectiveKind.Orpo, Lambda = lambda });

    public ObjectiveBuilder Kto(double beta = Defaults.KtoBeta, double desirableWeight = Defaults.KtoDesirableWeight,
        double undesirableWeight = Defaults.KtoUndesirableWeight, bool precomputeReferenceLogProbs = false) =>
        Set(new ExperimentSpec
        {
            Objective = ObjectiveKind.Kto, Beta = beta, DesirableWeight = desirableWeight, UndesirableWeight = undesirableWeight,
            PrecomputeReferenceLogProbs = precomputeReferenceLogProbs,
        });

    public ObjectiveBuilder Ppo(double klCoefficient = Defaults.PpoKlCoefficient, double clipRange = Defaults.PpoClipRange,
        double valueCoefficient = Defaults.PpoValueCoefficient, int ppoEpochs = Defaults.PpoEpochs, int maxNewTokens = Defaults.PpoMaxNewTokens) =>
        Set(new ExperimentSpec
        {
            Objective = ObjectiveKind.Ppo, Beta = klCoefficient, ClipRange = clipRange, ValueCoefficient = valueCoefficient,
            PpoEpochs = ppoEpochs, MaxNewTokens = maxNewTokens,
        });

    /// <summary>Copies the objective's fields onto the spec, counting objectives so a second one is reported.</summary>
    private ObjectiveBuilder Set(ExperimentSpec objective)
    {
        Spec = Spec with
        {
            Objective = Spec.Objective ?? objective.Objective,
            ObjectiveCount = Spec.ObjectiveCount + 1,
            Beta = Spec.Objective is null ? objective.Beta : Spec.Beta,
            LabelSmoothing = Spec.Objective is null ? objective.LabelSmoothing : Spec.LabelSmoothing,
            Loss = Spec.Objective is null ? objective.Loss : Spec.Loss,
            PrecomputeReferenceLogProbs = Spec.Objective is null ? objective.PrecomputeReferenceLogProbs : Spec.PrecomputeReferenceLogProbs,
            Gamma = Spec.Objective is null ? objective.Gamma : Spec.Gamma,
            SftWeight = Spec.Objective is null ? objective.SftWeight : Spec.SftWeight,
            Lambda = Spec.Objective is null ? objective.Lambda : Spec.Lambda,
            DesirableWeight = Spec.Objective is null ? objective.DesirableWeight : Spec.DesirableWeight,
            UndesirableWeight = Spec.Objective is null ? objective.UndesirableWeight : Spec.UndesirableWeight,
            Margin = Spec.Objective is null ? objective.Margin : Spec.Margin,
            CenterRewards = Spec.Objective is null ? objective.CenterRewards : Spec.CenterRewards,
            ClipRange = Spec.Objective is null ? objective.ClipRange : Spec.ClipRange,
            ValueCoefficient = Spec.Objective is null ? objective.ValueCoefficient : Spec.ValueCoefficient,
            PpoEpochs = Spec.Objective is null ? objective.PpoEpochs : Spec.PpoEpochs,
            MaxNewTokens = Spec.Objective is null ? objective.MaxNewTokens : Spec.MaxNewTokens,
        };
        return this;
    }
}

/// <summary>Where training data comes from: a gym task or a JSONL file.</summary>
public sealed class DataBuilder
{
    internal DataBuilder(ExperimentSpec spec) => Spec = spec;

    internal ExperimentSpec Spec { get; private set; }

    public DataBuilder Gym(GymTask task)
    {
        Spec = Spec with { GymTask = task };
        return this;
    }

    public DataBuilder Jsonl(string path, string? heldOut = null, JsonlShape shape = JsonlShape.FromObjective)
    {
        Spec = Spec with { JsonlPath = path, HeldOutPath = heldOut, Shape = shape };
        return this;
    }

    /// <summary>Data made from the experiment's constitution (see <see cref="FromConstitutionAttribute"/>).</summary>
    public DataBuilder FromConstitution(GymTask prompts, int pairsPerPrompt = 1, int rounds = 1)
    {
        Spec = Spec with { ConstitutionPrompts = prompts, PairsPerPrompt = pairsPerPrompt, Rounds = rounds };
        return this;
    }
}

/// <summary>PPO's reward: another experiment's reward model, or a reward function (see <see cref="RewardFromAttribute"/>).</summary>
public sealed class RewardBuilder
{
    internal RewardBuilder(ExperimentSpec spec) => Spec = spec;

    internal ExperimentSpec Spec { get; private set; }

    /// <summary>The trained reward model of the experiment class <typeparamref name="TExperiment"/>.</summary>
    public RewardBuilder From<TExperiment>() where TExperiment : class
    {
        Spec = Spec with { RewardFrom = typeof(TExperiment) };
        return this;
    }

    public RewardBuilder Function<TFunction>() where TFunction : Rewards.IRewardFunction, new()
    {
        Spec = Spec with { RewardFunction = typeof(TFunction) };
        return this;
    }
}

/// <summary>The experiment's constitution: its principles (see <see cref="PrincipleAttribute"/>).</summary>
public sealed class ConstitutionBuilder
{
    internal ConstitutionBuilder(ExperimentSpec spec) => Spec = spec;

    internal ExperimentSpec Spec { get; private set; }

    public ConstitutionBuilder Principle(string id, string text, string? critiqueRequest = null, string? revisionRequest = null,
        string? comparisonInstruction = null, double weight = 1.0)
    {
        Spec = Spec with { Principles = [.. Spec.Principles, new PrincipleSpec(id, text, critiqueRequest, revisionRequest, comparisonInstruction, weight)] };
        return this;
    }
}

/// <summary>The optimisation settings (see <see cref="TrainingAttribute"/>).</summary>
public sealed class TrainingBuilder
{
    internal TrainingBuilder(ExperimentSpec spec) => Spec = spec;

    internal ExperimentSpec Spec { get; private set; }

    public TrainingBuilder Steps(int value) => Set(Spec with { Steps = value });
    public TrainingBuilder BatchSize(int value) => Set(Spec with { BatchSize = value });
    public TrainingBuilder LearningRate(double value) => Set(Spec with { LearningRate = value });
    public TrainingBuilder WarmupSteps(int value) => Set(Spec with { WarmupSteps = value });
    public TrainingBuilder WeightDecay(double value) => Set(Spec with { WeightDecay = value });
    public TrainingBuilder MaxGradNorm(double value) => Set(Spec with { MaxGradNorm = value });
    public TrainingBuilder MaxLength(int value) => Set(Spec with { MaxLength = value });
    public TrainingBuilder EvalEvery(int value) => Set(Spec with { EvalEvery = value });
    public TrainingBuilder LogEvery(int value) => Set(Spec with { LogEvery = value });
    public TrainingBuilder Seed(int value) => Set(Spec with { Seed = value });
    public TrainingBuilder CheckpointEvery(int value) => Set(Spec with { CheckpointEvery = value });
    public TrainingBuilder KeepCheckpoints(int value) => Set(Spec with { KeepCheckpoints = value });

    private TrainingBuilder Set(ExperimentSpec spec)
    {
        Spec = spec;
        return this;
    }
}

/// <summary>The evaluation suites, run in declaration order.</summary>
public sealed class EvaluationBuilder
{
    internal EvaluationBuilder(ExperimentSpec spec) => Spec = spec;

    internal ExperimentSpec Spec { get; private set; }

    public EvaluationBuilder PreferenceAccuracy() => Suite<PreferenceAccuracy>();
    public EvaluationBuilder RedTeam() => Suite<RedTeam>();
    public EvaluationBuilder OverRefusal() => Suite<OverRefusal>();
    public EvaluationBuilder RewardModelBias() => Suite<RewardModelBias>();
    public EvaluationBuilder WinRate() => Suite<WinRate>();
    public EvaluationBuilder KlDivergence() => Suite<KlDivergence>();

    public EvaluationBuilder Suite<TSuite>() where TSuite : IEvalSuite, new()
    {
        Spec = Spec with { EvalSuites = [.. Spec.EvalSuites, typeof(TSuite)] };
        return this;
    }
}
