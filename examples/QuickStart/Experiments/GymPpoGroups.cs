using AlignDsl;
using AlignDsl.Data;
using AlignDsl.Evaluation;

namespace QuickStart;

/// <summary>
/// gym-ppo with the settings larger PPO runs use: two answers to each prompt, each epoch split into two shuffled
/// mini-batches, a penalty on answers cut at MaxNewTokens before their end of sequence, and β steered toward a target KL
/// per answer by the adaptive controller (logged as objective/kl_coef). Compare its curve with gym-ppo's:
/// `bash benchmarks/ppo.sh runs gym-ppo-groups`.
/// </summary>
[Experiment("gym-ppo-groups")]
[Policy(InitFrom = typeof(GymSft))]
[Ppo(KlCoefficient = 0.05, PpoEpochs = 2, MaxNewTokens = 20, RolloutsPerPrompt = 2, MiniBatches = 2, MissingEosPenalty = 1,
    TargetKl = 0.1, KlHorizon = 1000)]
[RewardFrom(typeof(GymRewardModel))]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 60, BatchSize = 16, LearningRate = 3e-5, WarmupSteps = 5, MaxLength = 48, LogEvery = 10)]
[EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal)), EvalSuite(typeof(WinRate)), EvalSuite(typeof(KlDivergence))]
public partial class GymPpoGroups;
