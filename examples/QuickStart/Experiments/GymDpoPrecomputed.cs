using AlignDsl;
using AlignDsl.Data;
using AlignDsl.Evaluation;

namespace QuickStart;

/// <summary>DPO with the reference's log-probs computed once before training: the reference is freed and each step runs the policy only.</summary>
[Experiment("gym-dpo-precomputed")]
[Policy(InitFrom = typeof(GymSft))]
[Dpo(Beta = 0.1, PrecomputeReferenceLogProbs = true)]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 100, BatchSize = 16, LearningRate = 3e-5, WarmupSteps = 10, MaxLength = 48, LogEvery = 10)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal))]
public partial class GymDpoPrecomputed;
