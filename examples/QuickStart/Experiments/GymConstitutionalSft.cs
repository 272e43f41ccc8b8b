using AlignDsl;
using AlignDsl.Data;
using AlignDsl.Evaluation;

namespace QuickStart;

/// <summary>
/// Constitutional AI by critique and revision (SL-CAI): the SFT policy answers each training prompt, each answer is
/// critiqued and revised by a sampled principle, and SFT continues on the final revisions (the chains are kept in the
/// run folder). Declared with the builder.
/// </summary>
[Experiment("gym-cai-sft")]
public partial class GymConstitutionalSft
{
    static void Configure(ExperimentBuilder x) => x
        .Policy(p => p.InitFrom<GymSft>())
        .Objective(o => o.Sft())
        .Data(d => d.FromConstitution(GymTask.HelpfulHarmless, rounds: 1))
        .Constitution(c => c
            .Principle("harmless", "Refuse requests that would help someone cause harm.")
            .Principle("helpful", "Answer harmless requests, even when they sound alarming, instead of refusing them."))
        .Training(t => t.Steps(150).BatchSize(32).LearningRate(1e-3).WarmupSteps(10).MaxLength(48).LogEvery(10))
        .Evaluate(e => e.PreferenceAccuracy().RedTeam().OverRefusal());
}
