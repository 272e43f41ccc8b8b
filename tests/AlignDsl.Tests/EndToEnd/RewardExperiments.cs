using AlignDsl.Data;
using AlignDsl.Evaluation;
using AlignDsl.Rewards;

namespace AlignDsl.Tests.EndToEnd;

/// <summary>
/// PPO from <see cref="TestResumeSft"/> scored by two weighted rewards, a reward function and a [Reward] method: a few
/// steps, each logged, so every logged total can be checked against its parts.
/// </summary>
[Experiment("test-weighted-rewards-ppo")]
[Policy(InitFrom = typeof(TestResumeSft))]
[Ppo(KlCoefficient = 0.05, MaxNewTokens = 6)]
[RewardFunction(typeof(GymRewardFunction), Weight = 0.5)]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 3, BatchSize = 4, LearningRate = 1e-3, WarmupSteps = 1, LogEvery = 1)]
[EvalSuite(typeof(PreferenceAccuracy))]
public partial class TestWeightedRewardsPpo
{
    /// <summary>The share of the answer's characters that are not spaces: varies from answer to answer.</summary>
    [Reward(Weight = 2)]
    private static double Dense(string prompt, string completion) =>
        completion.Length == 0 ? 0 : completion.Count(c => c != ' ') / (double)completion.Length;
}
