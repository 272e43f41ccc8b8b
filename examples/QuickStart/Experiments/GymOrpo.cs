using AlignDsl;
using AlignDsl.Data;
using AlignDsl.Evaluation;

namespace QuickStart;

/// <summary>ORPO: reference-free, NLL on the chosen answer plus a log-odds-ratio term; no reference model is built.</summary>
[Experiment("gym-orpo")]
[Policy(InitFrom = typeof(GymSft))]
[Orpo(Lambda = 0.1)]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 100, BatchSize = 16, LearningRate = 3e-5, WarmupSteps = 10, MaxLength = 48, LogEvery = 10)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal))]
public partial class GymOrpo;
