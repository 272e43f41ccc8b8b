using AlignDsl;
using AlignDsl.Data;

namespace QuickStart;

/// <summary>
/// <see cref="GymKto"/> declared with the fluent builder instead of attributes: the generator reads the chain at
/// compile time (every argument a constant) and generates the same training loop.
/// </summary>
[Experiment("gym-kto-fluent")]
public partial class GymKtoFluent
{
    static void Configure(ExperimentBuilder x) => x
        .Policy(p => p.InitFrom<GymSft>())
        .Objective(o => o.Kto(beta: 0.1, desirableWeight: 1.0, undesirableWeight: 1.0))
        .Data(d => d.Gym(GymTask.HelpfulHarmless))
        .Training(t => t.Steps(100).BatchSize(16).LearningRate(3e-5).WarmupSteps(10).MaxLength(48).LogEvery(10))
        .Evaluate(e => e.PreferenceAccuracy().RedTeam().OverRefusal());
}
