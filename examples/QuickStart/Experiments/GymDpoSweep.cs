using AlignDsl;
using AlignDsl.Data;
using AlignDsl.Evaluation;

namespace QuickStart;

// β of 0.01 and 0.05 lie below DPO's typical range, and 5 above it, on purpose: the sweep shows what each end does.
#pragma warning disable ALIGN012
/// <summary>
/// DPO at five strengths of its implicit KL constraint, one experiment each (gym-dpo-sweep-beta-0.01 … -5), from the
/// same SFT policy with the same data and steps. `sweep gym-dpo-sweep` runs them and draws them on one reward–KL
/// frontier: the lower β, the further the policy moves from its reference (higher KL, and its log-ratio margin of
/// chosen over rejected moves further); β = 5 keeps it close to the reference.
/// </summary>
[Experiment("gym-dpo-sweep")]
[Sweep(nameof(Beta), 0.01, 0.05, 0.1, 0.5, 5)]
#pragma warning restore ALIGN012
[Policy(InitFrom = typeof(GymSft))]
[Dpo]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 60, BatchSize = 16, LearningRate = 1e-4, WarmupSteps = 5, MaxLength = 48, EvalEvery = 60, LogEvery = 10)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(WinRate)), EvalSuite(typeof(KlDivergence))]
public partial class GymDpoSweep;
