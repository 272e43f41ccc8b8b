namespace AlignDsl.Declarations;

/// <summary>
/// The defaults of every declarable setting, shared by the attributes and the generator (which folds them into
/// the generated constants when a declaration leaves a setting out). Values follow the seed material and TRL.
/// </summary>
public static class Defaults
{
    public const double DpoBeta = 0.1;
    public const double LabelSmoothing = 0.0;
    public const double IpoBeta = 0.1;
    public const double KtoBeta = 0.1;
    public const double KtoDesirableWeight = 1.0;
    public const double KtoUndesirableWeight = 1.0;
    public const double SimPoBeta = 2.0;

    /// <summary>SimPO's margin γ as a share of β: the paper's suggestion γ = 0.5·β.</summary>
    public const double SimPoGammaBetaRatio = 0.5;
    public const double OrpoLambda = 0.1;
    public const double RewardMargin = 0.0;
    public const double RewardCentering = 0.0;

    /// <summary>PPO's KL coefficient β on the per-token penalty −β·log π/π_ref (the seed's typical range: 0.01–0.2).</summary>
    public const double PpoKlCoefficient = 0.05;
    public const double PpoClipRange = 0.2;

    /// <summary>The value model's clip; the same ε as the policy's ratio unless declared (TRL's default too).</summary>
    public const double PpoValueClipRange = 0.2;
    public const double PpoValueCoefficient = 0.1;
    public const int PpoEpochs = 2;
    public const int PpoMaxNewTokens = 24;

    /// <summary>PPO's failure-mode guards (<c>[Guards]</c>): bounds a healthy run stays well within.</summary>
    public const double GuardMaxKl = 20.0;
    public const double GuardKlGrowthFactor = 5.0;
    public const int GuardWindow = 5;
    public const double GuardMinEntropy = 0.05;
    public const double GuardMinDistinctRatio = 0.1;
    public const double GuardMaxLengthGrowth = 2.0;
    public const double GuardMaxJudgeDrop = 0.1;
    public const GuardAction GuardAction = global::AlignDsl.GuardAction.Warn;

    public const int Steps = 200;
    public const int BatchSize = 16;
    public const double LearningRate = 5e-4;
    public const int WarmupSteps = 10;
    public const double WeightDecay = 0.0;
    public const double MaxGradNorm = 1.0;
    public const int MaxLength = 48;
    public const int EvalEvery = 0;
    public const int LogEvery = 10;
    public const int Seed = 42;
    public const int CheckpointEvery = 50;
    public const int KeepCheckpoints = 2;

    /// <summary>fp32 unless declared: bf16 halves weight and activation memory, with fp32 master weights.</summary>
    public const Precision Precision = global::AlignDsl.Precision.Fp32;

    /// <summary>0: the host chooses libtorch's thread count by model size.</summary>
    public const int Threads = 0;

    /// <summary>LoRA as PEFT's examples use it: rank 16, α 32, dropout 0.05, on the attention projections.</summary>
    public const int LoraRank = 16;
    public const double LoraAlpha = 32;
    public const double LoraDropout = 0.05;
    public const string LoraTargets = "q_proj,k_proj,v_proj,o_proj";

    public const int Layers = 2;
    public const int ModelDim = 64;
    public const int Heads = 4;
    public const int Context = 64;

    /// <summary>PPO: one answer per prompt and one update per epoch over the whole rollout, as before these were declarable.</summary>
    public const int PpoRolloutsPerPrompt = 1;
    public const int PpoMiniBatches = 1;

    /// <summary>PPO's penalty on an answer cut at MaxNewTokens without end of sequence: 0, none (TRL's default, None).</summary>
    public const double PpoMissingEosPenalty = 0.0;

    /// <summary>PPO's adaptive KL controller: off (TargetKl 0) unless declared; its horizon in sampled answers, TRL's 10000.</summary>
    public const double PpoTargetKl = 0.0;
    public const int PpoKlHorizon = 10000;

    /// <summary>GRPO as TRL defaults it: 8 answers per prompt, no KL term (so no reference), ε 0.2, one update per rollout.</summary>
    public const int GrpoGenerations = 8;
    public const double GrpoBeta = 0.0;
    public const double GrpoClipRange = 0.2;
    public const int GrpoIterations = 1;
    public const int GrpoMaxNewTokens = 24;

    /// <summary>RLOO as TRL defaults it: 2 answers per prompt, β 0.05 on the summed log-ratio, ε 0.2, one update per rollout.</summary>
    public const int RlooGenerations = 2;
    public const double RlooBeta = 0.05;
    public const double RlooClipRange = 0.2;
    public const int RlooIterations = 1;
    public const int RlooMaxNewTokens = 24;
}
