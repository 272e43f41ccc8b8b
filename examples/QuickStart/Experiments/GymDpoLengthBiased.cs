using AlignDsl;
using AlignDsl.Data;
using AlignDsl.Evaluation;

namespace QuickStart;

/// <summary>
/// DPO on pairs where the chosen answer is nine times in ten the longer one. Its implicit reward, a sum over the
/// answer's tokens, is free to learn length; <c>RewardModelBias</c> shows how much it did, beside
/// <see cref="GymSimPoLengthBiased"/> on the same pairs. Both train at 1e-4, where both learn the content (held-out
/// preference accuracy about 0.9); at the QuickStart's 3e-5 SimPO hardly moves in 100 steps.
/// </summary>
[Experiment("gym-dpo-length-biased")]
[Policy(InitFrom = typeof(GymSft))]
[Dpo(Beta = 0.1)]
[GymData(GymTask.LengthBiased)]
[Training(Steps = 100, BatchSize = 16, LearningRate = 1e-4, WarmupSteps = 10, MaxLength = 48, LogEvery = 10)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal)), EvalSuite(typeof(RewardModelBias))]
public partial class GymDpoLengthBiased;
