using AlignDsl.Data;
using AlignDsl.Evaluation;

namespace AlignDsl.Tests.EndToEnd;

// β far above DPO's typical range, on purpose: ALIGN012 warns, and this project treats warnings as errors, so it only
// builds because the #pragma below reaches the generator's warning (PragmaTests checks the experiment was generated).
#pragma warning disable ALIGN012
[Experiment("test-pragma-wide-beta")]
[Policy(Layers = 1, ModelDim = 32, Heads = 2, Context = 64)]
[Dpo(Beta = 5)]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 2, BatchSize = 2)]
[EvalSuite(typeof(PreferenceAccuracy))]
public partial class TestPragmaWideBeta;
#pragma warning restore ALIGN012
