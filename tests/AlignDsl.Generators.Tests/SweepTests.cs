using AlignDsl.Testing;
using Microsoft.CodeAnalysis;
using static AlignDsl.Generators.Tests.DiagnosticAssert;
using static Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace AlignDsl.Generators.Tests;

/// <summary>
/// <c>[Sweep]</c> and <c>.Sweep(...)</c>: one declaration becomes one experiment per value, named after it, with the value
/// folded in; each value is checked where it was written, and the sweep's own mistakes are ALIGN089–099.
/// </summary>
public sealed class SweepTests
{
    private const string Sft = """
        [Experiment("sft")]
        [Sft]
        [GymData(GymTask.HelpfulHarmless)]
        public partial class Sft;

        """;

    private static string Source(string declaration) => Generate.Usings + "namespace Tests;\n\n" + Sft + declaration;

    private static string DpoSweep(string sweep, string dpo = "[Dpo]") => Source($$"""
        [Experiment("dpo-sweep")]
        {{sweep}}
        [Policy(InitFrom = typeof(Sft))]
        {{dpo}}
        [GymData(GymTask.HelpfulHarmless)]
        [EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(KlDivergence))]
        public partial class DpoSweep;
        """);

    private static GeneratorRun Clean(string source)
    {
        var run = Generate.Run(source);
        Assert.Null(run.GeneratorException);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return run;
    }

    private static string File(GeneratorRun run, string hintName) => Assert.Single(run.Files, f => f.HintName == hintName).Text;

    private static string Registry(GeneratorRun run) => File(run, "GeneratedExperiments.g.cs");

    [Fact]
    public void Each_value_becomes_an_experiment_named_after_it_with_the_value_folded_in()
    {
        var run = Clean(DpoSweep("[Sweep(nameof(Beta), 0.15, 0.2, 0.5)]"));
        foreach (var (member, value) in new[] { ("Beta_0_15", "0.15"), ("Beta_0_2", "0.2"), ("Beta_0_5", "0.5") })
        {
            var text = File(run, $"Tests.DpoSweep.{member}.g.cs");
            Assert.Contains($"private const double Beta = {value};", text);
            Assert.Contains($"Name: \"dpo-sweep-beta-{value}\",", text);
            Assert.Contains("Sweep = new(\"dpo-sweep\", \"Beta\", Beta),", text);
            Assert.Contains($"new(global::Tests.DpoSweep.{member}.Descriptor, global::Tests.DpoSweep.{member}.RunAsync),", Registry(run));
        }
        // The declaration is the group, not an experiment: its part holds the values, under the name nameof(Beta) reads.
        Assert.DoesNotContain("global::Tests.DpoSweep.Descriptor", Registry(run));
        Assert.Contains("public static global::System.Collections.Generic.IReadOnlyList<double> Beta { get; } = [0.15, 0.2, 0.5];", File(run, "Tests.DpoSweep.g.cs"));
    }

    [Fact]
    public void Sweep_of_beta() => Clean(DpoSweep("[Sweep(nameof(Beta), 0.15, 0.5)]")).Verify();

    [Fact]
    public void A_member_differs_from_the_same_experiment_declared_alone_only_in_its_name_and_sweep()
    {
        var member = File(Clean(DpoSweep("[Sweep(nameof(Beta), 0.15, 0.5)]")), "Tests.DpoSweep.Beta_0_15.g.cs");
        var alone = File(Clean(DpoSweep("", "[Dpo(Beta = 0.15)]")), "Tests.DpoSweep.g.cs");
        static string Body(string text, string nameLine) => string.Join("\n", text.Split('\n')
            .Where(l => !l.Contains("Sweep = new(") && !l.Contains("The member of the sweep") && !l.Contains(nameLine) && !l.Contains("ClassName:"))
            .Select(l => l.Trim()).Where(l => l is not ("partial class DpoSweep" or "internal partial class Beta_0_15 : global::AlignDsl.IExperiment"
                or "partial class DpoSweep : global::AlignDsl.IExperiment" or "{" or "}" or "")));
        Assert.Equal(Body(alone, "Name: \"dpo-sweep\""), Body(member, "Name: \"dpo-sweep-beta-0.15\""));
    }

    [Fact]
    public void The_builder_form_makes_the_same_members_as_the_attribute()
    {
        var attribute = Clean(DpoSweep("[Sweep(nameof(Beta), 0.15, 0.5)]"));
        var fluent = Clean(Source("""
            [Experiment("dpo-sweep")]
            public partial class DpoSweep
            {
                static void Configure(ExperimentBuilder x) => x
                    .Sweep(nameof(Beta), 0.15, 0.5)
                    .Policy(p => p.InitFrom<Sft>())
                    .Objective(o => o.Dpo())
                    .Data(d => d.Gym(GymTask.HelpfulHarmless))
                    .Evaluate(e => e.PreferenceAccuracy().KlDivergence());
            }
            """));
        foreach (var member in new[] { "Tests.DpoSweep.Beta_0_15.g.cs", "Tests.DpoSweep.Beta_0_5.g.cs" })
            Assert.Equal(File(attribute, member), File(fluent, member));
    }

    [Fact]
    public void Ppo_kl_coefficient_and_the_learning_rate_can_be_swept()
    {
        var ppo = Clean(Source("""
            public sealed class Length : AlignDsl.Rewards.IRewardFunction
            {
                public double Score(string prompt, string answer) => answer.Length;
            }

            [Experiment("ppo-sweep")]
            [Sweep("KlCoefficient", 0.02, 0.2)]
            [Policy(InitFrom = typeof(Sft))]
            [Ppo]
            [RewardFunction(typeof(Length))]
            [GymData(GymTask.HelpfulHarmless)]
            public partial class PpoSweep;
            """));
        Assert.Contains("private const double KlCoefficient = 0.02;", File(ppo, "Tests.PpoSweep.KlCoefficient_0_02.g.cs"));
        Assert.Contains("Name: \"ppo-sweep-kl-coefficient-0.2\",", File(ppo, "Tests.PpoSweep.KlCoefficient_0_2.g.cs"));

        var rates = Clean(DpoSweep("[Sweep(nameof(LearningRate), 1e-5, 1e-4)]"));
        var low = File(rates, "Tests.DpoSweep.LearningRate_1em05.g.cs");
        Assert.Contains("private const double LearningRate = 1E-05;", low);
        Assert.Contains("private const double Beta = 0.1;", low);
        Assert.Contains("Name: \"dpo-sweep-learning-rate-1e-05\",", low);
    }

    [Fact]
    public void A_derived_default_follows_the_swept_value()
    {
        var run = Clean(Source("""
            [Experiment("simpo-sweep")]
            [Sweep(nameof(Beta), 2.0, 4.0)]
            [SimPo]
            [GymData(GymTask.HelpfulHarmless)]
            public partial class SimPoSweep;
            """));
        // SimPO's γ left out is 0.5·β: each member's own β.
        Assert.Contains("private const double Gamma = 1.0;", File(run, "Tests.SimPoSweep.Beta_2.g.cs"));
        Assert.Contains("private const double Gamma = 2.0;", File(run, "Tests.SimPoSweep.Beta_4.g.cs"));
    }

    [Fact]
    public void ALIGN004_and_ALIGN012_check_each_value_where_it_is_written()
    {
        var run = Reported(DpoSweep("[Sweep(nameof(Beta), 0.2, -1, 0.3)]"), "ALIGN004", Error, ("0.2, -1, 0.3", "-1"));
        // An error in one value stops the whole sweep: no member is generated.
        Assert.DoesNotContain(".DpoSweep.", Registry(run));
        Reported(DpoSweep("[Sweep(nameof(Beta), 0.2, 0.01)]"), "ALIGN012", Warning, ("0.2, 0.01", "0.01"));
    }

    [Fact]
    public void ALIGN089_a_setting_the_objective_does_not_have()
    {
        var run = Reported(DpoSweep("[Sweep(nameof(Gamma), 0.1, 0.2)]"), "ALIGN089", Error, ("[Sweep(nameof(Gamma)", "nameof(Gamma)"));
        // The sweep makes no experiment, but nameof(Gamma) still compiles: the ALIGN error is the only one.
        Assert.DoesNotContain(".DpoSweep.", Registry(run));
        Assert.DoesNotContain(run.OutputCompilation.GetDiagnostics(), d => d.Id == "CS0103");
    }

    [Fact]
    public void ALIGN089_a_switch_cannot_be_swept() =>
        Reported(DpoSweep("[Sweep(nameof(PrecomputeReferenceLogProbs), 0, 1)]"), "ALIGN089", Error,
            ("nameof(PrecomputeReferenceLogProbs)", "nameof(PrecomputeReferenceLogProbs)"));

    [Fact]
    public void ALIGN090_no_values()
    {
        var run = Reported(DpoSweep("[Sweep(nameof(Beta))]"), "ALIGN090", Error, ("Sweep(nameof(Beta))", "Sweep(nameof(Beta))"));
        Assert.DoesNotContain(".DpoSweep.", Registry(run));
        Assert.DoesNotContain(run.OutputCompilation.GetDiagnostics(), d => d.Id == "CS0103");
    }

    [Fact]
    public void ALIGN091_a_value_listed_twice() =>
        Reported(DpoSweep("[Sweep(nameof(Beta), 0.1, 0.2, 0.10)]"), "ALIGN091", Error, ("0.2, 0.10", "0.10"));

    [Fact]
    public void ALIGN092_a_member_named_like_another_experiment()
    {
        var source = DpoSweep("[Sweep(nameof(Beta), 0.1, 0.2)]") + """

            [Experiment("dpo-sweep-beta-0.2")]
            [Policy(InitFrom = typeof(Sft))]
            [Dpo]
            [GymData(GymTask.HelpfulHarmless)]
            [EvalSuite(typeof(PreferenceAccuracy))]
            public partial class Taken;
            """;
        var run = Generate.Run(source);
        Assert.Equal(["ALIGN016", "ALIGN092"], run.GeneratorDiagnostics.Select(d => d.Id).Order());
        var collision = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "ALIGN092");
        Assert.Equal(SourceSpan.Of(source, "0.1, 0.2", "0.2"), collision.Location.GetLineSpan().Span);
        Assert.Contains("'dpo-sweep-beta-0.2'", collision.GetMessage());
    }

    [Fact]
    public void ALIGN049_a_member_of_the_declaration_named_like_the_setting()
    {
        var source = Source("""
            [Experiment("dpo-sweep")]
            [Sweep("Beta", 0.15, 0.2)]
            [Dpo]
            [GymData(GymTask.HelpfulHarmless)]
            public partial class DpoSweep
            {
                private const double Beta = 1;
            }
            """);
        var run = Reported(source, "ALIGN049", Error, ("double Beta = 1", "Beta"));
        Assert.DoesNotContain(run.Files, f => f.HintName.StartsWith("Tests.DpoSweep", StringComparison.Ordinal));
    }

    [Fact]
    public void ALIGN093_starting_from_a_sweep()
    {
        var source = DpoSweep("[Sweep(nameof(Beta), 0.1, 0.2)]") + """

            [Experiment("after")]
            [Policy(InitFrom = typeof(DpoSweep))]
            [Sft]
            [GymData(GymTask.HelpfulHarmless)]
            public partial class After;
            """;
        Reported(source, "ALIGN093", Error, ("InitFrom = typeof(DpoSweep)", "typeof(DpoSweep)"));
    }
}
