using AlignDsl;
using AlignDsl.Data;
using AlignDsl.Evaluation;

namespace QuickStart;

// A KlCoefficient of 1 lies above PPO's typical range on purpose: the sweep shows that a strong enough penalty resists the hack.
#pragma warning disable ALIGN012
/// <summary>
/// PPO against a flawed reward (<see cref="PaysForLength"/>) at four KL coefficients, one experiment each. `sweep
/// gym-ppo-length-sweep` draws them on one frontier of the gym judge's win rate against the SFT reference (the true
/// score) over KL: the weaker the penalty, the further the policy drifts and the more of the flawed reward it collects
/// (longer answers) while the true score falls; a strong enough one keeps it near the reference, where the hack does not pay.
/// </summary>
[Experiment("gym-ppo-length-sweep")]
[Sweep(nameof(KlCoefficient), 0.01, 0.05, 0.2, 1)]
#pragma warning restore ALIGN012
[Policy(InitFrom = typeof(GymSft))]
[Ppo(PpoEpochs = 2, MaxNewTokens = 24)]
[RewardFunction(typeof(PaysForLength))]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 24, BatchSize = 16, LearningRate = 3e-4, WarmupSteps = 2, MaxLength = 48, EvalEvery = 24, LogEvery = 4)]
[EvalSuite(typeof(WinRate)), EvalSuite(typeof(KlDivergence))]
public partial class GymPpoLengthSweep;
