using AlignDsl;
using AlignDsl.Data;
using AlignDsl.Evaluation;

namespace MyExperiments;

/// <summary>
/// Aligns the SFT policy with DPO on the gym's preference pairs: refuse harmful requests, answer alarming-but-benign
/// ones. The reference is the SFT policy, frozen; the win rate and KL are measured against it.
/// </summary>
[Experiment("gym-dpo")]
[Policy(InitFrom = typeof(GymSft))]
[Dpo(Beta = 0.1)]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 100, BatchSize = 16, LearningRate = 3e-5, WarmupSteps = 10, MaxLength = 48, LogEvery = 10)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal))]
[EvalSuite(typeof(WinRate)), EvalSuite(typeof(KlDivergence))]
public partial class GymDpo;
