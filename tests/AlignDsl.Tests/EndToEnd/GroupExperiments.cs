using AlignDsl.Data;
using AlignDsl.Rewards;

namespace AlignDsl.Tests.EndToEnd;

// GRPO and RLOO from the shared SFT start, rewarded by the gym's ground truth: a few small steps each.

[Experiment("test-grpo")]
[Policy(InitFrom = typeof(TestSft))]
[Grpo(Generations = 4, Beta = 0.04, MaxNewTokens = 12)]
[RewardFunction(typeof(GymRewardFunction))]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 30, BatchSize = 16, LearningRate = 3e-4, WarmupSteps = 2, LogEvery = 10)]
public partial class TestGrpo;

[Experiment("test-rloo")]
[Policy(InitFrom = typeof(TestSft))]
[Rloo(Generations = 4, Beta = 0.05, MaxNewTokens = 12)]
[RewardFunction(typeof(GymRewardFunction))]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 30, BatchSize = 16, LearningRate = 3e-4, WarmupSteps = 2, LogEvery = 10)]
public partial class TestRloo;

/// <summary>GRPO without a KL term: no reference is resident.</summary>
[Experiment("test-grpo-no-kl")]
[Policy(InitFrom = typeof(TestSft))]
[Grpo(Generations = 2, Loss = GrpoLoss.DrGrpo, MaxNewTokens = 8)]
[RewardFunction(typeof(GymRewardFunction))]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 2, BatchSize = 2, LearningRate = 1e-4, WarmupSteps = 1, LogEvery = 1)]
public partial class TestGrpoNoKl;
