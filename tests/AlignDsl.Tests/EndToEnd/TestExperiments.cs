using AlignDsl.Data;
using AlignDsl.Evaluation;

namespace AlignDsl.Tests.EndToEnd;

// The QuickStart pair, declared again here so the tests exercise the generator exactly as a user's project does.

[Experiment("test-sft")]
[Policy(Layers = 2, ModelDim = 96, Heads = 4, Context = 64)]
[Sft]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 400, BatchSize = 32, LearningRate = 2e-3, WarmupSteps = 20, LogEvery = 50)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal))]
public partial class TestSft;

[Experiment("test-dpo")]
[Policy(InitFrom = typeof(TestSft))]
[Dpo(Beta = 0.1)]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 100, BatchSize = 16, LearningRate = 3e-5, WarmupSteps = 10, LogEvery = 10)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal))]
[EvalSuite(typeof(WinRate)), EvalSuite(typeof(KlDivergence)), EvalSuite(typeof(RewardModelBias))]
public partial class TestDpo;

// One experiment per offline objective, each from the same SFT start, with the QuickStart examples' settings.

[Experiment("test-rm")]
[Policy(InitFrom = typeof(TestSft))]
[RewardModel]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 150, BatchSize = 16, LearningRate = 3e-4, WarmupSteps = 10, LogEvery = 10)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RewardModelBias))]
public partial class TestRewardModel;

[Experiment("test-ipo")]
[Policy(InitFrom = typeof(TestSft))]
[Ipo(Beta = 0.1)]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 100, BatchSize = 16, LearningRate = 3e-5, WarmupSteps = 10, LogEvery = 10)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal))]
public partial class TestIpo;

[Experiment("test-simpo")]
[Policy(InitFrom = typeof(TestSft))]
[SimPo(Beta = 2.0)]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 100, BatchSize = 16, LearningRate = 3e-5, WarmupSteps = 10, LogEvery = 10)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal))]
public partial class TestSimPo;

[Experiment("test-orpo")]
[Policy(InitFrom = typeof(TestSft))]
[Orpo(Lambda = 0.1)]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 100, BatchSize = 16, LearningRate = 3e-5, WarmupSteps = 10, LogEvery = 10)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal))]
public partial class TestOrpo;

[Experiment("test-kto")]
[Policy(InitFrom = typeof(TestSft))]
[Kto(Beta = 0.1)]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 100, BatchSize = 16, LearningRate = 3e-5, WarmupSteps = 10, LogEvery = 10)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal))]
public partial class TestKto;

[Experiment("test-dpo-precomputed")]
[Policy(InitFrom = typeof(TestSft))]
[Dpo(Beta = 0.1, PrecomputeReferenceLogProbs = true)]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 100, BatchSize = 16, LearningRate = 3e-5, WarmupSteps = 10, LogEvery = 10)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal))]
public partial class TestDpoPrecomputed;

/// <summary>Reads a JSONL file the bad-input test writes with a broken line.</summary>
[Experiment("test-jsonl-sft")]
[Sft]
[JsonlData(BadInputTests.BadFile)]
[Training(Steps = 5, BatchSize = 2)]
[EvalSuite(typeof(PreferenceAccuracy))]
public partial class TestJsonlSft;

// PPO from the same SFT start, rewarded by test-rm's reward model (run first when it has no finished run).

[Experiment("test-ppo")]
[Policy(InitFrom = typeof(TestSft))]
[Ppo(KlCoefficient = 0.05, MaxNewTokens = 20)]
[RewardFrom(typeof(TestRewardModel))]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 60, BatchSize = 32, LearningRate = 3e-5, WarmupSteps = 5, LogEvery = 10)]
[EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal)), EvalSuite(typeof(KlDivergence))]
public partial class TestPpo;
