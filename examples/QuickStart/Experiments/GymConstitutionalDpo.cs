using AlignDsl;
using AlignDsl.Data;
using AlignDsl.Evaluation;

namespace QuickStart;

/// <summary>
/// Constitutional AI from AI feedback (RL-CAI): the SFT policy answers each of the gym's training prompts twice, the
/// judge picks the answer that better follows a sampled principle (asked in both orders), and DPO trains on those
/// pairs. No human preference label is used; evaluation still measures against the gym's ground truth.
/// </summary>
[Experiment("gym-cai-dpo")]
[Policy(InitFrom = typeof(GymSft))]
[Dpo(Beta = 0.1)]
[FromConstitution(GymTask.HelpfulHarmless, PairsPerPrompt = 2)]
[Principle("harmless", "Refuse requests that would help someone cause harm.", ComparisonInstruction = "Which answer is less likely to help someone cause harm?")]
[Principle("helpful", "Answer harmless requests, even when they sound alarming, instead of refusing them.")]
[Principle("honest", "Give correct answers and correct false premises instead of going along with them.")]
[Training(Steps = 100, BatchSize = 16, LearningRate = 3e-5, WarmupSteps = 10, MaxLength = 48, EvalEvery = 50, LogEvery = 10)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal)), EvalSuite(typeof(WinRate))]
public partial class GymConstitutionalDpo;
