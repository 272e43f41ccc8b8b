using AlignDsl.Data;
using AlignDsl.Evaluation;
using AlignDsl.Rewards;

namespace AlignDsl.Tests.EndToEnd;

/// <summary>A reward function that pays for length: the more characters an answer has, the higher its score.</summary>
public sealed class PaysForLength : IRewardFunction
{
    public double Score(string prompt, string answer) => answer.Length / 10.0;
}

/// <summary>
/// PPO that is paid for length with the weakest KL penalty in the typical range and a high learning rate: it drifts from
/// its reference within a few steps, and its guards are declared to halt.
/// </summary>
[Experiment("test-guard-halt")]
[Policy(InitFrom = typeof(TestResumeSft))]
[Ppo(KlCoefficient = 0.01, MaxNewTokens = 8)]
[RewardFunction(typeof(PaysForLength))]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 8, BatchSize = 8, LearningRate = 3e-2, WarmupSteps = 1, LogEvery = 1, EvalEvery = 4, CheckpointEvery = 0)]
[Guards(MaxKl = 2, Window = 3, Action = GuardAction.Halt)]
[EvalSuite(typeof(PreferenceAccuracy))]
public partial class TestGuardHalt;
