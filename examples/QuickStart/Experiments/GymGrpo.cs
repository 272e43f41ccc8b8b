using AlignDsl;
using AlignDsl.Data;
using AlignDsl.Evaluation;
using AlignDsl.Rewards;

namespace QuickStart;

/// <summary>
/// GRPO on the gym: the SFT policy answers each training prompt 8 times, the gym's ground truth scores each answer, and
/// each answer is pushed up or down by how it scored against the other 7 (its group), with no value model. A small β
/// keeps a k3 KL term to the SFT reference, so two models are resident: policy and reference.
/// </summary>
[Experiment("gym-grpo")]
[Policy(InitFrom = typeof(GymSft))]
[Grpo(Generations = 8, Beta = 0.04, MaxNewTokens = 16)]
[RewardFunction(typeof(GymRewardFunction))]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 40, BatchSize = 8, LearningRate = 1e-4, WarmupSteps = 4, MaxLength = 48, EvalEvery = 20, LogEvery = 5)]
[EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal)), EvalSuite(typeof(WinRate)), EvalSuite(typeof(KlDivergence))]
public partial class GymGrpo;
