using AlignDsl;
using AlignDsl.Data;
using AlignDsl.Evaluation;

namespace QuickStart;

/// <summary>
/// Aligns the SFT policy with DPO on the gym's preference pairs: refuse harmful requests, answer
/// alarming-but-benign ones, prefer right and concise answers. The reference is the SFT policy, frozen. Besides
/// red teaming beside over-refusal, it measures its win rate and KL against that reference, and checks its implicit
/// reward for the biases a reward model can have.
/// </summary>
[Experiment("gym-dpo")]
[Policy(InitFrom = typeof(GymSft))]
[Dpo(Beta = 0.1)]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 100, BatchSize = 16, LearningRate = 3e-5, WarmupSteps = 10, MaxLength = 48, EvalEvery = 50, LogEvery = 10)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal))]
[EvalSuite(typeof(WinRate)), EvalSuite(typeof(KlDivergence)), EvalSuite(typeof(RewardModelBias))]
public partial class GymDpo;
