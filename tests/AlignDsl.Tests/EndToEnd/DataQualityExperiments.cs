using AlignDsl.Evaluation;

namespace AlignDsl.Tests.EndToEnd;

// Reward models on the two preference-data shapes that carry quality information. The tests in Data/Quality write
// their files (from the gym) into the working directory before running them; each is a tiny fresh model, a few steps.

/// <summary>Where the data-quality experiments read their data, relative to the test's working directory.</summary>
public static class DataQualityFiles
{
    public const string Annotated = "testdata/data-quality/annotated-pairs.jsonl";
    public const string Rankings = "testdata/data-quality/rankings.jsonl";
}

/// <summary>Pairs labelled by two noisy annotators: the run measures their agreement before training on the vote.</summary>
[Experiment("test-annotated-rm")]
[Policy(Layers = 1, ModelDim = 32, Heads = 2, Context = 64)]
[RewardModel]
[JsonlData(DataQualityFiles.Annotated, Shape = JsonlShape.Annotated)]
[Training(Steps = 4, BatchSize = 4, LogEvery = 2)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RewardModelBias))]
public partial class TestAnnotatedRewardModel;

/// <summary>k-wise rankings expanded to pairs, each ranked prompt weighing the same in the loss.</summary>
[Experiment("test-rankings-rm")]
[Policy(Layers = 1, ModelDim = 32, Heads = 2, Context = 64)]
[RewardModel(RankingWeights = true)]
[JsonlData(DataQualityFiles.Rankings, Shape = JsonlShape.Rankings)]
[Training(Steps = 20, BatchSize = 8, LearningRate = 2e-3, WarmupSteps = 2, LogEvery = 5)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RewardModelBias))]
public partial class TestRankingsRewardModel;

/// <summary>Pairs whose rows carry TRL's <c>margin</c> column: exported with it, and read into the loss (RewardMarginTests).</summary>
[Experiment("test-margins-rm")]
[Policy(Layers = 1, ModelDim = 32, Heads = 2, Context = 64)]
[RewardModel(Margin = 0.5)]
[JsonlData(Data.RewardMarginTests.File)]
[Training(Steps = 2, BatchSize = 2, LogEvery = 1)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RewardModelBias))]
public partial class TestMarginsRewardModel;
