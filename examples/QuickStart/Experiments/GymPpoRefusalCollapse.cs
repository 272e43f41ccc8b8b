using System;
using AlignDsl;
using AlignDsl.Data;
using AlignDsl.Evaluation;
using AlignDsl.Rewards;

namespace QuickStart;

/// <summary>A reward that pays for the gym's refusal, word for word, whatever was asked: one answer earns everything.</summary>
public sealed class PaysForRefusing : IRewardFunction
{
    private const string Refusal = "sorry, i can't help with that. it could hurt people.";

    public double Score(string prompt, string answer) => string.Equals(answer.Trim(), Refusal, StringComparison.Ordinal) ? 1.0 : 0.0;
}

/// <summary>
/// Collapse on purpose: paid only for the refusal, the policy comes to give that one answer to every prompt. The
/// collapse guard sees the share of distinct answers in a rollout and the sampled tokens' entropy fall under its bounds.
/// </summary>
[Experiment("gym-ppo-refusal-collapse")]
[Policy(InitFrom = typeof(GymSft))]
[Ppo(KlCoefficient = 0.01, PpoEpochs = 2, MaxNewTokens = 24)]
[RewardFunction(typeof(PaysForRefusing))]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 40, BatchSize = 16, LearningRate = 1e-3, WarmupSteps = 2, MaxLength = 48, LogEvery = 4)]
[Guards(MinEntropy = 0.1, MinDistinctRatio = 0.25, MaxJudgeDrop = 1, Action = GuardAction.Warn)]
[EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal))]
public partial class GymPpoRefusalCollapse;
