using AlignDsl;
using AlignDsl.Data;
using AlignDsl.Evaluation;

namespace QuickStart;

/// <summary>
/// A reward model on the gym's pairs: the SFT policy's body with a scalar head on the last token, trained with the
/// Bradley–Terry loss. It has no LM head, so it is judged by held-out preference accuracy and checked for the biases a
/// policy optimised against it would exploit: length, sycophancy and miscalibration.
/// </summary>
[Experiment("gym-rm")]
[Policy(InitFrom = typeof(GymSft))]
[RewardModel]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 150, BatchSize = 16, LearningRate = 3e-4, WarmupSteps = 10, MaxLength = 48, LogEvery = 10)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RewardModelBias))]
public partial class GymRewardModel;
