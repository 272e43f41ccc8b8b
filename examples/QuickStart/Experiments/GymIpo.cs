using AlignDsl;
using AlignDsl.Data;
using AlignDsl.Evaluation;

namespace QuickStart;

/// <summary>IPO: DPO's data and reference, a squared loss on length-averaged log-ratios that does not push margins to infinity.</summary>
[Experiment("gym-ipo")]
[Policy(InitFrom = typeof(GymSft))]
[Ipo(Beta = 0.1)]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 100, BatchSize = 16, LearningRate = 3e-5, WarmupSteps = 10, MaxLength = 48, LogEvery = 10)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal))]
public partial class GymIpo;
