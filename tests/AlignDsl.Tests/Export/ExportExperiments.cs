using AlignDsl.Data;
using AlignDsl.Evaluation;
using AlignDsl.Tests.EndToEnd;

namespace AlignDsl.Tests.Export;

// GRPO and RLOO as exported to TRL: rewarded by test-rm's reward model alone, the only reward TRL's trainers are given.
// Declared for their descriptors; the export tests never train them.

[Experiment("test-grpo-export")]
[Policy(InitFrom = typeof(TestSft))]
[Grpo(Generations = 4, Beta = 0.04, Iterations = 2, Loss = GrpoLoss.DrGrpo, MaxNewTokens = 16)]
[RewardFrom(typeof(TestRewardModel), Weight = 0.5)]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 30, BatchSize = 8, LearningRate = 1e-5, WarmupSteps = 5, LogEvery = 10)]
[Export(To = Engine.Trl)]
[EvalSuite(typeof(KlDivergence))]
public partial class TestGrpoExport;

[Experiment("test-rloo-export")]
[Policy(InitFrom = typeof(TestSft))]
[Rloo(MaxNewTokens = 16)]
[RewardFrom(typeof(TestRewardModel))]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 30, BatchSize = 8, LearningRate = 1e-5, WarmupSteps = 5, LogEvery = 10)]
[Export(To = Engine.Trl)]
[EvalSuite(typeof(KlDivergence))]
public partial class TestRlooExport;
