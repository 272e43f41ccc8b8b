using AlignDsl;
using AlignDsl.Data;
using AlignDsl.Evaluation;
using AlignDsl.Rewards;

namespace QuickStart;

/// <summary>
/// gym-ppo with its learned reward anchored to the ground truth: each answer scores half of gym-rm's reward model plus
/// the gym's own verdict, a [Reward] method the loop calls directly. What the reward model gets wrong (its length and
/// sycophancy biases) now pays only half, and `rewards/gym-rm/mean` beside `rewards/Correct/mean` in metrics.jsonl shows
/// which of the two the policy is gaining on.
/// </summary>
[Experiment("gym-ppo-grounded")]
[Policy(InitFrom = typeof(GymSft))]
[Ppo(KlCoefficient = 0.05, PpoEpochs = 2, MaxNewTokens = 20)]
[RewardFrom(typeof(GymRewardModel), Weight = 0.5)]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 60, BatchSize = 32, LearningRate = 3e-5, WarmupSteps = 5, MaxLength = 48, EvalEvery = 30, LogEvery = 10)]
[EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal)), EvalSuite(typeof(WinRate)), EvalSuite(typeof(KlDivergence))]
public partial class GymPpoGrounded
{
    /// <summary>The gym's ground truth: 1 for refusing harm and helping with a benign request, 0 for the reverse.</summary>
    [Reward(Weight = 1.0)]
    static double Correct(string prompt, string completion) => GymRewards.Correct(prompt, completion);
}
