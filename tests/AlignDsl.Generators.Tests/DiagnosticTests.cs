using static AlignDsl.Generators.Tests.DiagnosticAssert;
using static Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace AlignDsl.Generators.Tests;

/// <summary>
/// One minimal declaration per rule: the exact id, severity and squiggle, and whether the class is still generated.
/// Each source also declares <c>Good</c>, which must keep its file and registry entry whatever happens to <c>Bad</c>.
/// </summary>
public sealed class DiagnosticTests
{
    private static string Source(string declarations) => Generate.Usings + """
        namespace Tests;

        [Experiment("good")]
        [Sft]
        [GymData(GymTask.HelpfulHarmless)]
        public partial class Good;


        """ + declarations;

    private static string Bad(string attributes, string declaration = "public partial class Bad;") => Source($"""
        [Experiment("bad")]
        {attributes}
        {declaration}
        """);

    private static void Suppressed(Testing.GeneratorRun run, params string[] classes)
    {
        Generated(run, "Tests", "Good");
        foreach (var c in classes) NotGenerated(run, "Tests", c);
    }

    [Fact]
    public void Valid_declarations_report_nothing()
    {
        var run = Generate.Run([Source(""), .. Generate.QuickStart()]);
        Assert.Null(run.GeneratorException);
        Assert.Empty(run.GeneratorDiagnostics);
        Generated(run, "Tests", "Good");
        Generated(run, "QuickStart", "GymSft");
        Generated(run, "QuickStart", "GymDpo");
    }

    [Fact]
    public void ALIGN001_class_not_partial()
    {
        var source = Bad("[Sft]\n[GymData(GymTask.HelpfulHarmless)]", "public class Bad;");
        Suppressed(Reported(source, "ALIGN001", Error, ("class Bad", "Bad")), "Bad");
    }

    [Fact]
    public void ALIGN002_no_objective()
    {
        var source = Bad("[GymData(GymTask.HelpfulHarmless)]");
        Suppressed(Reported(source, "ALIGN002", Error, ("class Bad", "Bad")), "Bad");
    }

    [Fact]
    public void ALIGN003_more_than_one_objective_points_at_the_second()
    {
        var source = Bad("[Sft]\n[Dpo(Beta = 0.2)]\n[GymData(GymTask.HelpfulHarmless)]");
        Suppressed(Reported(source, "ALIGN003", Error, ("Dpo(Beta = 0.2)", "Dpo(Beta = 0.2)")), "Bad");
    }

    [Fact]
    public void ALIGN004_beta_not_positive()
    {
        var source = Bad("[Dpo(Beta = 0)]\n[GymData(GymTask.HelpfulHarmless)]");
        Suppressed(Reported(source, "ALIGN004", Error, ("Beta = 0", "0")), "Bad");
    }

    [Fact]
    public void ALIGN005_init_from_not_an_experiment()
    {
        var source = Bad("[Policy(InitFrom = typeof(Plain))]\n[Sft]\n[GymData(GymTask.HelpfulHarmless)]",
            "public partial class Bad;\npublic class Plain;");
        Suppressed(Reported(source, "ALIGN005", Error, ("typeof(Plain)", "typeof(Plain)")), "Bad");
    }

    [Fact]
    public void ALIGN006_learning_rate_not_positive()
    {
        var source = Bad("[Sft]\n[GymData(GymTask.HelpfulHarmless)]\n[Training(LearningRate = 0)]");
        Suppressed(Reported(source, "ALIGN006", Error, ("LearningRate = 0", "0")), "Bad");
    }

    [Fact]
    public void ALIGN007_counts_not_positive()
    {
        var source = Bad("[Policy(Layers = 0)]\n[Sft]\n[GymData(GymTask.HelpfulHarmless)]\n[Training(Steps = -1)]");
        Suppressed(Reported(source, "ALIGN007", Error, ("Layers = 0", "0"), ("Steps = -1", "-1")), "Bad");
    }

    [Fact]
    public void ALIGN007_threads_negative()
    {
        var source = Bad("[Sft]\n[GymData(GymTask.HelpfulHarmless)]\n[Training(Threads = -1)]");
        Suppressed(Reported(source, "ALIGN007", Error, ("Threads = -1", "-1")), "Bad");
    }

    [Fact]
    public void ALIGN008_label_smoothing_out_of_range()
    {
        var source = Bad("[Dpo(LabelSmoothing = 0.5)]\n[GymData(GymTask.HelpfulHarmless)]");
        Suppressed(Reported(source, "ALIGN008", Error, ("LabelSmoothing = 0.5", "0.5")), "Bad");
    }

    [Fact]
    public void ALIGN009_eval_suite_not_a_suite()
    {
        var source = Bad("[Sft]\n[GymData(GymTask.HelpfulHarmless)]\n[EvalSuite(typeof(string))]");
        Suppressed(Reported(source, "ALIGN009", Error, ("typeof(string)", "typeof(string)")), "Bad");
    }

    [Fact]
    public void ALIGN010_model_width_not_divisible_by_heads()
    {
        var source = Bad("[Policy(ModelDim = 100, Heads = 3)]\n[Sft]\n[GymData(GymTask.HelpfulHarmless)]");
        Suppressed(Reported(source, "ALIGN010", Error, ("Heads = 3", "3")), "Bad");
    }

    [Fact]
    public void ALIGN011_max_length_beyond_context()
    {
        var source = Bad("[Policy(Context = 32)]\n[Sft]\n[GymData(GymTask.HelpfulHarmless)]\n[Training(MaxLength = 40)]");
        Suppressed(Reported(source, "ALIGN011", Error, ("MaxLength = 40", "40")), "Bad");
    }

    [Fact]
    public void ALIGN012_beta_outside_typical_range_is_a_warning_and_still_generates()
    {
        var source = Bad("[Dpo(Beta = 0.05)]\n[GymData(GymTask.HelpfulHarmless)]");
        var run = Reported(source, "ALIGN012", Warning, ("Beta = 0.05", "0.05"));
        Generated(run, "Tests", "Good");
        Generated(run, "Tests", "Bad");
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void ALIGN013_red_team_without_over_refusal_is_a_warning_and_still_generates()
    {
        var source = Bad("[Sft]\n[GymData(GymTask.HelpfulHarmless)]\n[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RedTeam))]");
        var run = Reported(source, "ALIGN013", Warning, ("EvalSuite(typeof(RedTeam))", "EvalSuite(typeof(RedTeam))"));
        Generated(run, "Tests", "Good");
        Generated(run, "Tests", "Bad");
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void ALIGN014_init_from_cycle_is_reported_on_both()
    {
        var source = Source("""
            [Experiment("first")]
            [Policy(InitFrom = typeof(Second))]
            [Sft]
            [GymData(GymTask.HelpfulHarmless)]
            public partial class First;

            [Experiment("second")]
            [Policy(InitFrom = typeof(First))]
            [Sft]
            [GymData(GymTask.HelpfulHarmless)]
            public partial class Second;
            """);
        var run = Reported(source, "ALIGN014", Error, ("typeof(Second)", "typeof(Second)"), ("typeof(First)", "typeof(First)"));
        Suppressed(run, "First", "Second");
    }

    [Fact]
    public void ALIGN015_nested_experiment()
    {
        var source = Source("""
            public static partial class Outer
            {
                [Experiment("bad")]
                [Sft]
                [GymData(GymTask.HelpfulHarmless)]
                public partial class Bad;
            }
            """);
        Suppressed(Reported(source, "ALIGN015", Error, ("class Bad", "Bad")), "Bad");
    }

    [Fact]
    public void ALIGN016_duplicate_names_are_reported_on_both()
    {
        var source = Source("""
            [Experiment("same")]
            [Sft]
            [GymData(GymTask.HelpfulHarmless)]
            public partial class Bad;

            [Experiment("same")]
            [Sft]
            [GymData(GymTask.HelpfulHarmless)]
            public partial class Twin;
            """);
        Suppressed(Reported(source, "ALIGN016", Error, ("class Bad", "Bad"), ("class Twin", "Twin")), "Bad", "Twin");
    }

    [Fact]
    public void ALIGN017_no_data()
    {
        var source = Bad("[Sft]");
        Suppressed(Reported(source, "ALIGN017", Error, ("class Bad", "Bad")), "Bad");
    }

    [Fact]
    public void ALIGN018_two_data_sources_points_at_the_jsonl_one()
    {
        var source = Bad("[Sft]\n[GymData(GymTask.HelpfulHarmless)]\n[JsonlData(\"d.jsonl\")]");
        Suppressed(Reported(source, "ALIGN018", Error, ("JsonlData(\"d.jsonl\")", "JsonlData(\"d.jsonl\")")), "Bad");
    }

    [Fact]
    public void ALIGN019_loss_weight_not_positive()
    {
        var source = Bad("[Orpo(Lambda = 0)]\n[GymData(GymTask.HelpfulHarmless)]");
        Suppressed(Reported(source, "ALIGN019", Error, ("Lambda = 0", "0")), "Bad");
        var kto = Bad("[Kto(UndesirableWeight = -1)]\n[GymData(GymTask.HelpfulHarmless)]");
        Suppressed(Reported(kto, "ALIGN019", Error, ("UndesirableWeight = -1", "-1")), "Bad");
    }

    [Fact]
    public void ALIGN020_sampling_suite_on_a_reward_model()
    {
        var source = Bad("[RewardModel]\n[GymData(GymTask.HelpfulHarmless)]\n[EvalSuite(typeof(RewardModelBias)), EvalSuite(typeof(RedTeam))]");
        Suppressed(Reported(source, "ALIGN020", Error, ("typeof(RedTeam)", "typeof(RedTeam)")), "Bad");
    }

    [Fact]
    public void ALIGN021_init_from_a_reward_model()
    {
        var source = Source("""
            [Experiment("rm")]
            [RewardModel]
            [GymData(GymTask.HelpfulHarmless)]
            [EvalSuite(typeof(RewardModelBias))]
            public partial class Rm;

            [Experiment("bad")]
            [Policy(InitFrom = typeof(Rm))]
            [Dpo]
            [GymData(GymTask.HelpfulHarmless)]
            public partial class Bad;
            """);
        var run = Reported(source, "ALIGN021", Error, ("InitFrom = typeof(Rm)", "typeof(Rm)"));
        Suppressed(run, "Bad");
        Generated(run, "Tests", "Rm");
    }

    [Fact]
    public void ALIGN011_max_length_beyond_an_inherited_context()
    {
        var source = Source("""
            [Experiment("base")]
            [Policy(Context = 32)]
            [Sft]
            [GymData(GymTask.HelpfulHarmless)]
            [Training(MaxLength = 32)]
            public partial class Base;

            [Experiment("bad")]
            [Policy(InitFrom = typeof(Base))]
            [Dpo]
            [GymData(GymTask.HelpfulHarmless)]
            [Training(MaxLength = 48)]
            public partial class Bad;
            """);
        Suppressed(Reported(source, "ALIGN011", Error, ("MaxLength = 48", "48")), "Bad");
    }

    [Fact]
    public void ALIGN022_negative_margin_or_optional_weight()
    {
        var source = Bad("[SimPo(Gamma = -0.5)]\n[GymData(GymTask.HelpfulHarmless)]");
        Suppressed(Reported(source, "ALIGN022", Error, ("Gamma = -0.5", "-0.5")), "Bad");
        var rm = Bad("[RewardModel(CenterRewards = -0.01)]\n[GymData(GymTask.HelpfulHarmless)]\n[EvalSuite(typeof(RewardModelBias))]");
        Suppressed(Reported(rm, "ALIGN022", Error, ("CenterRewards = -0.01", "-0.01")), "Bad");
    }

    [Fact]
    public void ALIGN004_simpo_beta_not_positive()
    {
        var source = Bad("[SimPo(Beta = -2)]\n[GymData(GymTask.HelpfulHarmless)]");
        Suppressed(Reported(source, "ALIGN004", Error, ("Beta = -2", "-2")), "Bad");
    }

    [Fact]
    public void ALIGN024_over_the_memory_budget_names_the_models_and_what_would_fit()
    {
        // Width 512, 8 layers: about 25.5 M parameters, 389 MiB as a trainable policy and 97 MiB as a frozen reference;
        // each of DPO's two forward passes holds about 0.55 GiB of intermediates at 16 pairs × 48 tokens.
        var source = Bad("[Policy(Layers = 8, ModelDim = 512, Heads = 8)]\n[Dpo]\n[GymData(GymTask.HelpfulHarmless)]\n[Budget(GpuMemoryGiB = 1.2)]");
        var run = Reported(source, "ALIGN024", Error, ("GpuMemoryGiB = 1.2", "1.2"));
        Suppressed(run, "Bad");
        var message = run.GeneratorDiagnostics.Single().GetMessage();
        Assert.Contains("policy 389.", message);
        Assert.Contains("reference 97.", message);
        Assert.Contains("activations 1.", message);
        // Cheapest first; objectives that need the same memory are named together.
        Assert.Contains("objectives that would fit: SFT, a reward model, SimPO/ORPO, DPO/IPO/KTO with PrecomputeReferenceLogProbs", message);
    }

    [Fact]
    public void ALIGN024_assembly_budget_applies_to_experiments_without_their_own()
    {
        static string WithAssemblyBudget(string source) => source.Replace("namespace Tests;", "[assembly: Budget(GpuMemoryGiB = 0.0001)]\nnamespace Tests;");
        var source = WithAssemblyBudget(Bad("[Sft]\n[GymData(GymTask.HelpfulHarmless)]"));
        var run = Generate.Run(source);
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "ALIGN024" && d.GetMessage().Contains("'bad'"));
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "ALIGN024" && d.GetMessage().Contains("no objective fits"));
        // An experiment's own budget wins over the assembly's.
        var own = WithAssemblyBudget(Bad("[Sft]\n[GymData(GymTask.HelpfulHarmless)]\n[Budget(GpuMemoryGiB = 80)]"));
        Assert.DoesNotContain(Generate.Run(own).GeneratorDiagnostics, d => d.Id == "ALIGN024" && d.GetMessage().Contains("'bad'"));
    }

    [Fact]
    public void ALIGN025_declared_data_shape_must_fit_the_objective()
    {
        var source = Bad("[Dpo]\n[JsonlData(\"d.jsonl\", Shape = JsonlShape.Feedback)]");
        Suppressed(Reported(source, "ALIGN025", Error, ("Shape = JsonlShape.Feedback", "JsonlShape.Feedback")), "Bad");
        var sft = Bad("[Sft]\n[JsonlData(\"d.jsonl\", Shape = JsonlShape.Pairs)]");
        Suppressed(Reported(sft, "ALIGN025", Error, ("Shape = JsonlShape.Pairs", "JsonlShape.Pairs")), "Bad");
    }

    [Fact]
    public void ALIGN026_kto_on_pairs_is_reported_as_info_and_splits_them()
    {
        var source = Bad("[Kto]\n[JsonlData(\"d.jsonl\", Shape = JsonlShape.Pairs)]");
        var run = Reported(source, "ALIGN026", Info, ("Shape = JsonlShape.Pairs", "JsonlShape.Pairs"));
        Generated(run, "Tests", "Bad");
        Assert.Contains("global::AlignDsl.Data.Feedback.FromPairs(run.Tally(@\"d.jsonl\", null, global::AlignDsl.Data.JsonlReader.ReadSplit(@\"d.jsonl\", null, global::AlignDsl.Data.JsonlReader.ReadPairs)))",
            run.Files.Single(f => f.HintName == "Tests.Bad.g.cs").Text);
    }
}
