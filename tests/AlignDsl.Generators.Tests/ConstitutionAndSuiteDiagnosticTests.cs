using static AlignDsl.Generators.Tests.DiagnosticAssert;
using static Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace AlignDsl.Generators.Tests;

/// <summary>
/// The rules on constitutions (ALIGN030–034) and on the suites that need something of the experiment (ALIGN035, 036,
/// 037): the exact id, severity and squiggle, in both declaration forms where both exist.
/// </summary>
public sealed class ConstitutionAndSuiteDiagnosticTests
{
    private static string Source(string declarations) => Generate.Usings + """
        namespace Tests;

        [Experiment("sft")]
        [Sft]
        [GymData(GymTask.HelpfulHarmless)]
        public partial class Sft;


        """ + declarations;

    private static string Bad(string attributes) => Source($"""
        [Experiment("bad")]
        {attributes}
        public partial class Bad;
        """);

    private const string FromSft = "[Policy(InitFrom = typeof(Sft))]\n[Dpo]\n";

    [Fact]
    public void A_constitutional_dpo_experiment_generates_its_principles_and_labelling()
    {
        var run = Generate.Run(Bad(FromSft + """
            [FromConstitution(GymTask.HelpfulHarmless, PairsPerPrompt = 3)]
            [Principle("harmless", "Refuse harmful requests.", Weight = 2)]
            """));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        var text = run.Files.Single(f => f.HintName == "Tests.Bad.g.cs").Text;
        Assert.Contains("private const int PairsPerPrompt = 3;", text);
        Assert.Contains("new global::AlignDsl.Constitution.Principle(\"harmless\", \"Refuse harmful requests.\") { Weight = 2.0 },", text);
        Assert.Contains("await run.LabelWithConstitutionAsync(\"sft\", Constitution, global::AlignDsl.Data.GymTask.HelpfulHarmless, PairsPerPrompt, cancellationToken)", text);
    }

    [Fact]
    public void ALIGN030_constitutional_data_without_principles()
    {
        var source = Bad(FromSft + "[FromConstitution(GymTask.HelpfulHarmless)]");
        NotGenerated(Reported(source, "ALIGN030", Error, ("FromConstitution(GymTask.HelpfulHarmless)", "FromConstitution(GymTask.HelpfulHarmless)")), "Tests", "Bad");
    }

    [Fact]
    public void ALIGN031_duplicate_principle_id_is_reported_at_the_second()
    {
        var source = Bad(FromSft + """
            [FromConstitution(GymTask.HelpfulHarmless)]
            [Principle("harmless", "Refuse harmful requests.")]
            [Principle("harmless", "Do not help with crimes.")]
            """);
        NotGenerated(Reported(source, "ALIGN031", Error, ("[Principle(\"harmless\", \"Do not", "\"harmless\"")), "Tests", "Bad");
    }

    [Fact]
    public void ALIGN032_empty_principle_text()
    {
        var source = Bad(FromSft + "[FromConstitution(GymTask.HelpfulHarmless)]\n[Principle(\"harmless\", \" \")]");
        NotGenerated(Reported(source, "ALIGN032", Error, ("\"harmless\", \" \"", "\" \"")), "Tests", "Bad");
    }

    [Fact]
    public void ALIGN032_empty_principle_id_in_the_builder()
    {
        var source = Source("""
            [Experiment("bad")]
            public partial class Bad
            {
                static void Configure(ExperimentBuilder x) => x
                    .Policy(p => p.InitFrom<Sft>()).Objective(o => o.Dpo())
                    .Data(d => d.FromConstitution(GymTask.HelpfulHarmless))
                    .Constitution(c => c.Principle("", "Refuse harmful requests."));
            }
            """);
        NotGenerated(Reported(source, "ALIGN032", Error, ("Principle(\"\"", "\"\"")), "Tests", "Bad");
    }

    [Fact]
    public void ALIGN033_principles_nothing_uses_are_a_warning()
    {
        var source = Bad(FromSft + "[GymData(GymTask.HelpfulHarmless)]\n[Principle(\"harmless\", \"Refuse harmful requests.\")]");
        Generated(Reported(source, "ALIGN033", Warning, ("Principle(\"harmless\", \"Refuse harmful requests.\")", "Principle(\"harmless\", \"Refuse harmful requests.\")")), "Tests", "Bad");
    }

    [Fact]
    public void ALIGN034_constitutional_data_from_a_fresh_policy()
    {
        var source = Bad("[Dpo]\n[FromConstitution(GymTask.HelpfulHarmless)]\n[Principle(\"harmless\", \"Refuse harmful requests.\")]");
        NotGenerated(Reported(source, "ALIGN034", Error, ("FromConstitution(GymTask.HelpfulHarmless)", "FromConstitution(GymTask.HelpfulHarmless)")), "Tests", "Bad");
    }

    [Fact]
    public void ALIGN035_win_rate_on_a_fresh_reference_free_policy()
    {
        var source = Bad("[SimPo]\n[GymData(GymTask.HelpfulHarmless)]\n[EvalSuite(typeof(WinRate))]");
        NotGenerated(Reported(source, "ALIGN035", Error, ("typeof(WinRate)", "typeof(WinRate)")), "Tests", "Bad");
    }

    [Theory]
    [InlineData("[Policy(InitFrom = typeof(Sft))]\n[SimPo]")]
    [InlineData("[Dpo(PrecomputeReferenceLogProbs = true)]")]
    public void Win_rate_without_a_resident_reference_keeps_a_frozen_copy_of_the_start(string declaration)
    {
        var run = Generate.Run(Bad(declaration + "\n[GymData(GymTask.HelpfulHarmless)]\n[EvalSuite(typeof(WinRate)), EvalSuite(typeof(KlDivergence))]"));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        var text = run.Files.Single(f => f.HintName == "Tests.Bad.g.cs").Text;
        Assert.Contains("using var baseline = policy.FrozenCopy();", text);
        Assert.Contains("baseline: baseline);", text);
        // The baseline is resident for the whole run, so the descriptor (and the memory estimate) count it.
        Assert.Contains("new(\"baseline\", Trainable: false, PolicySize.Parameters)", text);
    }

    [Fact]
    public void ALIGN036_reward_model_without_bias_suite_is_a_warning()
    {
        var source = Bad("[RewardModel]\n[GymData(GymTask.HelpfulHarmless)]\n[EvalSuite(typeof(PreferenceAccuracy))]");
        Generated(Reported(source, "ALIGN036", Warning, ("RewardModel]", "RewardModel")), "Tests", "Bad");
    }

    [Fact]
    public void ALIGN037_bias_suite_on_a_precomputed_reference()
    {
        var source = Bad("[Policy(InitFrom = typeof(Sft))]\n[Dpo(PrecomputeReferenceLogProbs = true)]\n[GymData(GymTask.HelpfulHarmless)]\n[EvalSuite(typeof(RewardModelBias))]");
        NotGenerated(Reported(source, "ALIGN037", Error, ("typeof(RewardModelBias)", "typeof(RewardModelBias)")), "Tests", "Bad");
    }

    [Fact]
    public void ALIGN020_win_rate_on_a_reward_model()
    {
        var source = Bad("[RewardModel]\n[GymData(GymTask.HelpfulHarmless)]\n[EvalSuite(typeof(RewardModelBias)), EvalSuite(typeof(WinRate))]");
        NotGenerated(Reported(source, "ALIGN020", Error, ("typeof(WinRate)", "typeof(WinRate)")), "Tests", "Bad");
    }

    [Fact]
    public void ALIGN038_a_suite_declared_twice_runs_once()
    {
        var source = Bad("[Sft]\n[GymData(GymTask.HelpfulHarmless)]\n[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal))]\n[EvalSuite(typeof(RedTeam))]");
        var run = Reported(source, "ALIGN038", Warning, ("[EvalSuite(typeof(RedTeam))]", "typeof(RedTeam)"));
        var text = run.Files.Single(f => f.HintName == "Tests.Bad.g.cs").Text;
        Assert.Single(text.Split('\n'), l => l.Contains("new global::AlignDsl.Evaluation.RedTeam()"));
    }

    [Fact]
    public void ALIGN039_simpo_margin_above_beta_is_a_warning()
    {
        var source = Bad("[SimPo(Beta = 2.0, Gamma = 3.0)]\n[GymData(GymTask.HelpfulHarmless)]");
        Generated(Reported(source, "ALIGN039", Warning, ("Gamma = 3.0", "3.0")), "Tests", "Bad");
    }

    [Fact]
    public void The_principle_judge_gets_the_declared_phrases()
    {
        var run = Generate.Run(Bad(FromSft + """
            [FromConstitution(GymTask.HelpfulHarmless, Judge = FeedbackJudge.Principles)]
            [Principle("harmless", "Refuse harmful requests.", Prefer = ["can't help"], Avoid = ["get the tools", "here are the steps"])]
            """));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        var text = run.Files.Single(f => f.HintName == "Tests.Bad.g.cs").Text;
        Assert.Contains("{ Prefer = [\"can't help\"], Avoid = [\"get the tools\", \"here are the steps\"] }", text);
        Assert.Contains("cancellationToken, judge: new global::AlignDsl.Constitution.PrincipleJudge(Constitution))", text);
    }

    [Fact]
    public void ALIGN040_principle_judge_without_phrases()
    {
        var source = Bad(FromSft + "[FromConstitution(GymTask.HelpfulHarmless, Judge = FeedbackJudge.Principles)]\n[Principle(\"harmless\", \"Refuse harmful requests.\")]");
        NotGenerated(Reported(source, "ALIGN040", Error, ("Judge = FeedbackJudge.Principles", "FeedbackJudge.Principles")), "Tests", "Bad");
    }

    [Fact]
    public void ALIGN040_principle_judge_on_critique_and_revision()
    {
        var source = Bad("[Policy(InitFrom = typeof(Sft))]\n[Sft]\n[FromConstitution(GymTask.HelpfulHarmless, Judge = FeedbackJudge.Principles)]\n[Principle(\"harmless\", \"Refuse.\", Avoid = [\"get the tools\"])]");
        NotGenerated(Reported(source, "ALIGN040", Error, ("Judge = FeedbackJudge.Principles", "FeedbackJudge.Principles")), "Tests", "Bad");
    }
}
