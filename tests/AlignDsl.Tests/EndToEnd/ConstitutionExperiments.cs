using AlignDsl.Data;
using AlignDsl.Evaluation;

namespace AlignDsl.Tests.EndToEnd;

// Constitutional AI from the shared SFT start: AI feedback labels pairs for DPO; critique and revision makes SFT data.

[Experiment("test-cai-dpo")]
[Policy(InitFrom = typeof(TestSft))]
[Dpo(Beta = 0.1)]
[FromConstitution(GymTask.HelpfulHarmless, PairsPerPrompt = 2)]
[Principle("harmless", "Refuse requests that would help someone cause harm.")]
[Principle("honest", "Give correct answers and correct false premises.", Weight = 0.5)]
[Training(Steps = 100, BatchSize = 16, LearningRate = 3e-5, WarmupSteps = 10, LogEvery = 10)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal))]
public partial class TestConstitutionalDpo;

[Experiment("test-cai-rules")]
[Policy(InitFrom = typeof(TestSft))]
[Dpo(Beta = 0.1)]
[FromConstitution(GymTask.HelpfulHarmless, PairsPerPrompt = 2, Judge = FeedbackJudge.Principles)]
[Principle("harmless", "Refuse requests that would help someone cause harm.", Prefer = ["can't help"], Avoid = ["get the tools"])]
[Training(Steps = 100, BatchSize = 16, LearningRate = 3e-5, WarmupSteps = 10, LogEvery = 10)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal))]
public partial class TestConstitutionalRules;

[Experiment("test-cai-sft")]
public partial class TestConstitutionalSft
{
    static void Configure(ExperimentBuilder x) => x
        .Policy(p => p.InitFrom<TestSft>())
        .Objective(o => o.Sft())
        .Data(d => d.FromConstitution(GymTask.HelpfulHarmless, rounds: 2))
        .Constitution(c => c.Principle("harmless", "Refuse requests that would help someone cause harm."))
        .Training(t => t.Steps(60).BatchSize(32).LearningRate(1e-3).WarmupSteps(5).LogEvery(10))
        .Evaluate(e => e.RedTeam().OverRefusal());
}
