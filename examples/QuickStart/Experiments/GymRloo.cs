using AlignDsl;
using AlignDsl.Data;
using AlignDsl.Evaluation;
using AlignDsl.Rewards;

namespace QuickStart;

/// <summary>
/// RLOO on the gym: the SFT policy answers each training prompt 4 times, the gym's ground truth scores each answer less
/// β times its summed log π/π_ref, and each answer's baseline is the mean reward of the other 3. No value model:
/// resident are the policy and its SFT reference.
/// </summary>
[Experiment("gym-rloo")]
[Policy(InitFrom = typeof(GymSft))]
[Rloo(Generations = 4, Beta = 0.05, MaxNewTokens = 16)]
[RewardFunction(typeof(GymRewardFunction))]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 40, BatchSize = 8, LearningRate = 1e-4, WarmupSteps = 4, MaxLength = 48, EvalEvery = 20, LogEvery = 5)]
[EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal)), EvalSuite(typeof(WinRate)), EvalSuite(typeof(KlDivergence))]
public partial class GymRloo;
