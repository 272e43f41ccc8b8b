using AlignDsl;
using AlignDsl.Data;
using AlignDsl.Evaluation;

namespace QuickStart;

/// <summary>
/// SimPO on the same length-biased pairs as <see cref="GymDpoLengthBiased"/>. Its reward is the mean log-probability
/// per token, so a longer answer earns nothing for its length; <c>RewardModelBias</c> measures what bias is left.
/// </summary>
[Experiment("gym-simpo-length-biased")]
[Policy(InitFrom = typeof(GymSft))]
[SimPo(Beta = 2.0)]
[GymData(GymTask.LengthBiased)]
[Training(Steps = 100, BatchSize = 16, LearningRate = 1e-4, WarmupSteps = 10, MaxLength = 48, LogEvery = 10)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal)), EvalSuite(typeof(RewardModelBias))]
public partial class GymSimPoLengthBiased;
