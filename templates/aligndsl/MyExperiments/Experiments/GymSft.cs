using AlignDsl;
using AlignDsl.Data;
using AlignDsl.Evaluation;

namespace MyExperiments;

/// <summary>
/// Supervised fine-tuning of a fresh tiny GPT on the gym's demonstrations (seeded synthetic data with known ground
/// truth), which answer harmful requests a third of the time and refuse benign ones almost as often.
/// </summary>
[Experiment("gym-sft")]
[Policy(Layers = 2, ModelDim = 96, Heads = 4, Context = 64)]
[Sft]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 400, BatchSize = 32, LearningRate = 2e-3, WarmupSteps = 20, MaxLength = 48, LogEvery = 20)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal))]
public partial class GymSft;
