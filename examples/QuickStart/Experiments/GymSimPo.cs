using AlignDsl;
using AlignDsl.Data;
using AlignDsl.Evaluation;

namespace QuickStart;

/// <summary>SimPO: reference-free, length-normalised rewards with a target margin γ = 0.5·β; no reference model is built.</summary>
[Experiment("gym-simpo")]
[Policy(InitFrom = typeof(GymSft))]
[SimPo(Beta = 2.0)]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 100, BatchSize = 16, LearningRate = 3e-5, WarmupSteps = 10, MaxLength = 48, LogEvery = 10)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal))]
public partial class GymSimPo;
