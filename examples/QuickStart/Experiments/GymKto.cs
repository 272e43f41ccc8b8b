using AlignDsl;
using AlignDsl.Data;
using AlignDsl.Evaluation;

namespace QuickStart;

/// <summary>KTO: unpaired feedback (each gym pair split into a desirable and an undesirable answer), the reference's KL as baseline.</summary>
[Experiment("gym-kto")]
[Policy(InitFrom = typeof(GymSft))]
[Kto(Beta = 0.1)]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 100, BatchSize = 16, LearningRate = 3e-5, WarmupSteps = 10, MaxLength = 48, LogEvery = 10)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal))]
public partial class GymKto;
