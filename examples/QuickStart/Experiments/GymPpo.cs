using AlignDsl;
using AlignDsl.Data;
using AlignDsl.Evaluation;

namespace QuickStart;

/// <summary>
/// RLHF's online loop: the SFT policy answers the gym's training prompts, gym-rm's reward model scores each answer,
/// and PPO moves the policy toward higher reward while a per-token KL penalty holds it near its SFT reference. Four
/// models are resident: policy, value model, reference and reward model. The reward model's biases (gym-rm's report)
/// are what the policy is optimised against.
/// </summary>
[Experiment("gym-ppo")]
[Policy(InitFrom = typeof(GymSft))]
[Ppo(KlCoefficient = 0.05, PpoEpochs = 2, MaxNewTokens = 20)]
[RewardFrom(typeof(GymRewardModel))]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 60, BatchSize = 32, LearningRate = 3e-5, WarmupSteps = 5, MaxLength = 48, EvalEvery = 30, LogEvery = 10)]
[EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal)), EvalSuite(typeof(WinRate)), EvalSuite(typeof(KlDivergence))]
public partial class GymPpo;
