using AlignDsl.Data;
using AlignDsl.Evaluation;

namespace AlignDsl.Tests.EndToEnd;

// A tiny sweep for the host's `sweep` command: two strengths of β far apart, a fresh policy, a few steps.
#pragma warning disable ALIGN012 // β of 0.01 and 5 lie outside DPO's typical range on purpose.
[Experiment("test-dpo-sweep")]
[Sweep(nameof(Beta), 0.01, 5)]
#pragma warning restore ALIGN012
[Policy(Layers = 1, ModelDim = 32, Heads = 2, Context = 48)]
[Dpo]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 8, BatchSize = 8, LearningRate = 3e-3, WarmupSteps = 1, MaxLength = 40, LogEvery = 4)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(KlDivergence))]
public partial class TestDpoSweep;
