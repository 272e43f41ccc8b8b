using AlignDsl;
using AlignDsl.Data;
using AlignDsl.Evaluation;
using AlignDsl.Rewards;

namespace QuickStart;

/// <summary>A reward that pays for length, whatever the answer says: the kind of reward a policy learns to hack.</summary>
public sealed class PaysForLength : IRewardFunction
{
    public double Score(string prompt, string answer) => answer.Length / 20.0;
}

/// <summary>
/// PPO's failure modes on purpose: the SFT policy is paid for length alone, with the weakest KL penalty of the typical
/// range and a high learning rate. Its guards, declared to warn, report what follows: the KL to the reference exploding,
/// answers growing while the reward rises, and the judge's win rate falling while the reward rises (reward hacking).
/// Collapse is shown by gym-ppo-refusal-collapse. `run gym-ppo-length-hack` trains gym-sft first if it has no finished run.
/// </summary>
[Experiment("gym-ppo-length-hack")]
[Policy(InitFrom = typeof(GymSft))]
[Ppo(KlCoefficient = 0.01, PpoEpochs = 2, MaxNewTokens = 24)]
[RewardFunction(typeof(PaysForLength))]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 24, BatchSize = 16, LearningRate = 1e-3, WarmupSteps = 2, MaxLength = 48, EvalEvery = 12, LogEvery = 4)]
[Guards(MaxKl = 15, KlGrowthFactor = 3, Window = 3, MinEntropy = 0.3, MinDistinctRatio = 0.3, MaxLengthGrowth = 1.5, MaxJudgeDrop = 0.05, Action = GuardAction.Warn)]
[EvalSuite(typeof(WinRate)), EvalSuite(typeof(KlDivergence))]
public partial class GymPpoLengthHack;
