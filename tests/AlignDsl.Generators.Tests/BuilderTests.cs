using Microsoft.CodeAnalysis;
using static AlignDsl.Generators.Tests.DiagnosticAssert;
using static Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace AlignDsl.Generators.Tests;

/// <summary>
/// The fluent declaration form (<c>static void Configure(ExperimentBuilder x) =&gt; x...</c>): it generates exactly what
/// the equivalent attributes generate, its range errors point at the builder's arguments, and what it cannot read is
/// reported (ALIGN027–ALIGN029).
/// </summary>
public sealed class BuilderTests
{
    private static string Source(string declarations) => Generate.Usings + """
        namespace Tests;

        [Experiment("good")]
        [Sft]
        [GymData(GymTask.HelpfulHarmless)]
        public partial class Good;


        """ + declarations;

    private static string Fluent(string body, string attributes = "") => Source($$"""
        [Experiment("bad")]
        {{attributes}}
        public partial class Bad
        {
            static void Configure(ExperimentBuilder x) => {{body}};
        }
        """);

    private static void Suppressed(Testing.GeneratorRun run)
    {
        Generated(run, "Tests", "Good");
        NotGenerated(run, "Tests", "Bad");
    }

    /// <summary>The one generated experiment file of a run of <paramref name="sources"/>.</summary>
    private static string GeneratedFile(string className, params string[] sources)
    {
        var run = Generate.Run(sources);
        Assert.Null(run.GeneratorException);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return Assert.Single(run.Files, f => f.HintName == $"QuickStart.{className}.g.cs").Text;
    }

    private static string QuickStartClass(string declaration) => Generate.Usings + "namespace QuickStart;\n\n" + declaration;

    [Fact]
    public void Kto_declared_with_the_builder_generates_the_same_file_as_with_attributes()
    {
        var attributes = GeneratedFile("GymKto", Generate.Example("GymKto.cs"), Generate.Example("GymSft.cs"));
        var fluent = GeneratedFile("GymKto", QuickStartClass("""
            [Experiment("gym-kto")]
            public partial class GymKto
            {
                static void Configure(ExperimentBuilder x) => x
                    .Policy(p => p.InitFrom<GymSft>())
                    .Objective(o => o.Kto(beta: 0.1, desirableWeight: 1.0, undesirableWeight: 1.0))
                    .Data(d => d.Gym(GymTask.HelpfulHarmless))
                    .Training(t => t.Steps(100).BatchSize(16).LearningRate(3e-5).WarmupSteps(10).MaxLength(48).LogEvery(10))
                    .Evaluate(e => e.PreferenceAccuracy().RedTeam().OverRefusal());
            }
            """), Generate.Example("GymSft.cs"));
        Assert.Equal(attributes, fluent);
    }

    [Fact]
    public void Dpo_declared_with_the_builder_generates_the_same_file_as_with_attributes()
    {
        var attributes = GeneratedFile("GymDpo", Generate.Example("GymDpo.cs"), Generate.Example("GymSft.cs"));
        var fluent = GeneratedFile("GymDpo", QuickStartClass("""
            [Experiment("gym-dpo")]
            public partial class GymDpo
            {
                const double PreferredBeta = 0.1;

                static void Configure(ExperimentBuilder x) => x
                    .Policy(p => p.InitFrom<GymSft>())
                    .Objective(o => o.Dpo(PreferredBeta))
                    .Data(d => d.Gym(GymTask.HelpfulHarmless))
                    .Training(t => t.Steps(100).BatchSize(16).LearningRate(3e-5).WarmupSteps(10).MaxLength(48).EvalEvery(50).LogEvery(10))
                    .Evaluate(e => e.PreferenceAccuracy().Suite<RedTeam>().OverRefusal().WinRate().KlDivergence().RewardModelBias());
            }
            """), Generate.Example("GymSft.cs"));
        Assert.Equal(attributes, fluent);
    }

    [Fact]
    public void Sft_with_a_sized_policy_generates_the_same_file_as_with_attributes()
    {
        var attributes = GeneratedFile("GymSft", Generate.Example("GymSft.cs"));
        var fluent = GeneratedFile("GymSft", QuickStartClass("""
            [Experiment("gym-sft")]
            [EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal))]
            public partial class GymSft
            {
                static void Configure(ExperimentBuilder x) => x
                    .Policy(p => p.Size(layers: 2, modelDim: 96, heads: 4, context: 64))
                    .Objective(o => o.Sft())
                    .Data(d => d.Gym(GymTask.HelpfulHarmless))
                    .Training(t => t.Steps(400).BatchSize(32).LearningRate(2e-3).WarmupSteps(20).MaxLength(48).LogEvery(20));
            }
            """));
        Assert.Equal(attributes, fluent);
    }

    [Fact]
    public void ALIGN004_beta_not_positive_at_the_builder_argument()
    {
        var source = Fluent("x.Objective(o => o.Dpo(beta: 0)).Data(d => d.Gym(GymTask.HelpfulHarmless))");
        Suppressed(Reported(source, "ALIGN004", Error, ("beta: 0", "0")));
    }

    [Fact]
    public void ALIGN010_model_shape_at_the_positional_heads_argument()
    {
        var source = Fluent("x.Policy(p => p.Size(2, 96, 5)).Objective(o => o.Sft()).Data(d => d.Gym(GymTask.HelpfulHarmless))");
        Suppressed(Reported(source, "ALIGN010", Error, ("96, 5)", "5")));
    }

    [Fact]
    public void ALIGN027_argument_not_a_constant()
    {
        var source = Fluent("x.Objective(o => o.Dpo(beta: Beta)).Data(d => d.Gym(GymTask.HelpfulHarmless))")
            .Replace("    static void Configure", "    static readonly double Beta = 0.1;\n    static void Configure", StringComparison.Ordinal);
        Suppressed(Reported(source, "ALIGN027", Error, ("beta: Beta", "Beta")));
    }

    /// <summary>
    /// Exactly one <paramref name="id"/> at the span; a section the builder could not read may also leave the experiment
    /// without objective or data (ALIGN002, ALIGN017), and nothing else is reported.
    /// </summary>
    private static Testing.GeneratorRun ReportedWithFallout(string source, string id, string anchor, string target)
    {
        var run = Generate.Run(source);
        Assert.Null(run.GeneratorException);
        var at = SourceSpan.Describe("Source0.cs", SourceSpan.Of(source, anchor, target));
        Assert.Single(run.GeneratorDiagnostics, d => d.Id == id && d.Severity == Error && SourceSpan.Describe(d.Location) == at);
        Assert.All(run.GeneratorDiagnostics, d => Assert.Contains(d.Id, new[] { id, "ALIGN002", "ALIGN017" }));
        return run;
    }

    [Fact]
    public void ALIGN028_block_body_is_reported_at_Configure()
    {
        var source = Source("""
            [Experiment("bad")]
            public partial class Bad
            {
                static void Configure(ExperimentBuilder x) { x.Objective(o => o.Sft()).Data(d => d.Gym(GymTask.HelpfulHarmless)); }
            }
            """);
        Suppressed(ReportedWithFallout(source, "ALIGN028", "void Configure", "Configure"));
    }

    [Fact]
    public void ALIGN028_unknown_method_is_reported_at_the_call()
    {
        var source = Fluent("x.Objective(o => o.Sft()).Twice().Data(d => d.Gym(GymTask.HelpfulHarmless))")
            + "\npublic static class Extensions { public static ExperimentBuilder Twice(this ExperimentBuilder b) => b; }\n";
        Suppressed(Reported(source, "ALIGN028", Error, ("Twice()", "Twice()")));
    }

    [Fact]
    public void ALIGN028_unknown_section_method_is_reported_at_the_call()
    {
        var source = Fluent("x.Objective(o => o.Sft()).Data(d => d.Gym(GymTask.HelpfulHarmless).Equals(d))")
            .Replace("static void", "static object", StringComparison.Ordinal);
        Suppressed(Reported(source, "ALIGN028", Error, ("Equals(d)", "Equals(d)")));
    }

    [Fact]
    public void ALIGN028_a_chain_on_a_local_is_reported_at_the_local()
    {
        var source = Fluent("x.Objective(o => o.Sft()).Data(d => Other.Gym(GymTask.HelpfulHarmless))")
            .Replace("    static void Configure", "    static readonly DataBuilder Other = null!;\n    static void Configure", StringComparison.Ordinal);
        Suppressed(ReportedWithFallout(source, "ALIGN028", "Other.Gym", "Other"));
    }

    [Fact]
    public void ALIGN029_objective_declared_by_attribute_and_builder()
    {
        var source = Fluent("x.Objective(o => o.Kto()).Data(d => d.Gym(GymTask.HelpfulHarmless))", "[Dpo]");
        Suppressed(Reported(source, "ALIGN029", Error, ("Objective(o => o.Kto())", "Objective(o => o.Kto())")));
    }

    [Fact]
    public void ALIGN029_training_declared_by_attribute_and_builder()
    {
        var source = Fluent("x.Objective(o => o.Sft()).Data(d => d.Gym(GymTask.HelpfulHarmless)).Training(t => t.Steps(5))", "[Training(Steps = 10)]");
        Suppressed(Reported(source, "ALIGN029", Error, ("Training(t => t.Steps(5))", "Training(t => t.Steps(5))")));
    }

    [Fact]
    public void Builder_and_attributes_can_declare_different_sections()
    {
        var source = Fluent("x.Objective(o => o.Sft())", "[GymData(GymTask.HelpfulHarmless)]");
        var run = Generate.Run(source);
        Assert.Null(run.GeneratorException);
        Assert.Empty(run.GeneratorDiagnostics);
        Generated(run, "Tests", "Bad");
    }
}
