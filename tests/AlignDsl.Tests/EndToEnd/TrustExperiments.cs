using AlignDsl.Data;
using AlignDsl.Evaluation;
using AlignDsl.Rewards;

namespace AlignDsl.Tests.EndToEnd;

// Tiny experiments for the run-safety tests: seconds each, with checkpoints every few steps.

/// <summary>A fresh SFT run that checkpoints every 4 of its 12 steps and evaluates half-way.</summary>
[Experiment("test-resume-sft")]
[Policy(Layers = 1, ModelDim = 32, Heads = 2, Context = 64)]
[Sft]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 12, BatchSize = 8, LearningRate = 2e-3, WarmupSteps = 2, LogEvery = 2, EvalEvery = 6, CheckpointEvery = 4, KeepCheckpoints = 2)]
[EvalSuite(typeof(PreferenceAccuracy))]
public partial class TestResumeSft;

/// <summary>
/// PPO from <see cref="TestResumeSft"/>, rewarded by the gym's ground truth, with two answers per prompt, two shuffled
/// mini-batches per epoch, the missing-EOS penalty and the adaptive KL controller: sampling state, the shuffles and β
/// must survive a resume too.
/// </summary>
[Experiment("test-resume-ppo")]
[Policy(InitFrom = typeof(TestResumeSft))]
[Ppo(KlCoefficient = 0.05, MaxNewTokens = 6, RolloutsPerPrompt = 2, MiniBatches = 2, MissingEosPenalty = 0.5, TargetKl = 0.5, KlHorizon = 40)]
[RewardFunction(typeof(GymRewardFunction))]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 6, BatchSize = 4, LearningRate = 1e-3, WarmupSteps = 1, LogEvery = 1, CheckpointEvery = 2)]
[EvalSuite(typeof(PreferenceAccuracy))]
public partial class TestResumePpo;

/// <summary>DPO from <see cref="TestResumeSft"/> in bf16 with gradient checkpointing: fp32 master weights must survive a resume.</summary>
[Experiment("test-resume-dpo-bf16")]
[Policy(InitFrom = typeof(TestResumeSft))]
[Dpo(Beta = 0.1)]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 6, BatchSize = 4, LearningRate = 1e-3, WarmupSteps = 1, LogEvery = 1, CheckpointEvery = 2,
    Precision = Precision.Bf16, GradientCheckpointing = true)]
[EvalSuite(typeof(PreferenceAccuracy))]
public partial class TestResumeDpoBf16;

/// <summary>A learning rate no model survives: finite after the first step (which is checkpointed), NaN soon after.</summary>
[Experiment("test-diverge")]
[Policy(Layers = 1, ModelDim = 32, Heads = 2, Context = 64)]
[Sft]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 20, BatchSize = 8, LearningRate = 1e30, WarmupSteps = 0, LogEvery = 10, CheckpointEvery = 1)]
[EvalSuite(typeof(PreferenceAccuracy))]
public partial class TestDiverge;

/// <summary>DPO from <see cref="TestResumeSft"/> on a file that does not exist: the chain check must refuse it before the parent trains.</summary>
[Experiment("test-missing-data")]
[Policy(InitFrom = typeof(TestResumeSft))]
[Dpo(Beta = 0.1)]
[JsonlData("testdata/no-such-pairs.jsonl")]
[Training(Steps = 2, BatchSize = 2)]
[EvalSuite(typeof(PreferenceAccuracy))]
public partial class TestMissingData;

/// <summary>DPO with LoRA from the resume SFT run: adapters and their AdamW state must resume exactly.</summary>
[Experiment("test-resume-lora-dpo")]
[Policy(InitFrom = typeof(TestResumeSft))]
[Dpo(Beta = 0.1)]
[Lora(Rank = 4, Alpha = 8, Dropout = 0.1, Targets = "c_attn,c_proj")]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 6, BatchSize = 8, LearningRate = 1e-3, WarmupSteps = 1, LogEvery = 1, CheckpointEvery = 2, KeepCheckpoints = 2)]
[EvalSuite(typeof(PreferenceAccuracy))]
public partial class TestResumeLoraDpo;

/// <summary>PPO with LoRA from the resume SFT run: the reference is the policy with its adapters off, and a resume is exact.</summary>
[Experiment("test-resume-lora-ppo")]
[Policy(InitFrom = typeof(TestResumeSft))]
[Ppo(KlCoefficient = 0.05, MaxNewTokens = 6)]
[Lora(Rank = 4, Alpha = 8, Dropout = 0, Targets = "c_attn,c_proj")]
[RewardFunction(typeof(GymRewardFunction))]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 6, BatchSize = 4, LearningRate = 3e-3, WarmupSteps = 1, LogEvery = 1, CheckpointEvery = 2)]
[EvalSuite(typeof(PreferenceAccuracy))]
public partial class TestResumeLoraPpo;
