using static AlignDsl.Generators.Tests.DiagnosticAssert;
using static AlignDsl.Generators.Tests.Holes.HoleSources;
using static Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace AlignDsl.Generators.Tests.Holes;

/// <summary>
/// Types that cannot be what they are named as (ALIGN005, ALIGN009, ALIGN042 now also for arrays, <c>null</c>, open
/// generics and inaccessible types), class shapes the generated part cannot extend (ALIGN048), members named like generated
/// ones (ALIGN049) and an instance <c>Configure</c> (ALIGN059).
/// </summary>
public sealed class TypeAndShapeRuleTests
{
    [Theory]
    [InlineData("typeof(Good[])")]
    [InlineData("typeof(string)")]
    [InlineData("null")]
    [InlineData("typeof(System.Collections.Generic.List<>)")]
    public void InitFrom_that_is_not_an_experiment_type_is_ALIGN005(string value)
    {
        var attributes = $"[Sft] [GymData(GymTask.HelpfulHarmless)] [Policy(InitFrom = {value})]";
        GoodKeptBadDropped(Reported(Bad(attributes), "ALIGN005", Error, ($"InitFrom = {value}", value)));
    }

    [Theory]
    [InlineData("typeof(RedTeam[])")]
    [InlineData("null")]
    [InlineData("typeof(string)")]
    [InlineData("typeof(AbstractSuite)")]
    [InlineData("typeof(SuiteWithArguments)")]
    [InlineData("typeof(GenericSuite<>)")]
    public void A_suite_that_cannot_be_constructed_and_run_is_ALIGN009(string value)
    {
        var source = Bad($"[Sft] [GymData(GymTask.HelpfulHarmless)] [EvalSuite({value})]") + Suites;
        GoodKeptBadDropped(Reported(source, "ALIGN009", Error, ($"EvalSuite({value})", value)));
    }

    [Fact]
    public void A_closed_generic_suite_with_a_public_constructor_is_accepted()
    {
        var run = Generate.Run(Bad("[Sft] [GymData(GymTask.HelpfulHarmless)] [EvalSuite(typeof(GenericSuite<int>))]") + Suites);
        Assert.Empty(run.GeneratorDiagnostics);
        Generated(run, "Tests", "Bad");
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Theory]
    [InlineData("typeof(GenericReward<>)")]
    [InlineData("typeof(AbstractReward)")]
    [InlineData("typeof(int[])")]
    public void A_reward_function_that_cannot_be_constructed_is_ALIGN042(string value)
    {
        var source = Bad($"[Ppo] [Policy(InitFrom = typeof(Good))] [RewardFunction({value})] [GymData(GymTask.HelpfulHarmless)]") + Rewards;
        GoodKeptBadDropped(Reported(source, "ALIGN042", Error, ($"RewardFunction({value})", value)));
    }

    [Theory]
    [InlineData("public partial class Bad<T>;", "generic")]
    [InlineData("public static partial class Bad;", "static")]
    [InlineData("public partial record Bad;", "as a record")]
    [InlineData("file partial class Bad;", "file-local")]
    public void A_class_shape_the_generated_part_cannot_extend_is_ALIGN048(string declaration, string shape)
    {
        var run = Reported(Bad("[Sft] [GymData(GymTask.HelpfulHarmless)]", declaration), "ALIGN048", Error, (declaration, "Bad"));
        Generated(run, "Tests", "Good");
        Assert.DoesNotContain(run.Files, f => f.HintName.Contains("Bad", StringComparison.Ordinal));
        Assert.Contains(shape, Assert.Single(run.GeneratorDiagnostics).GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("const int Steps = 20;", "Steps")]
    [InlineData("public static int Seed => 1;", "Seed")]
    [InlineData("private const double Beta = 0.2;", "Beta")]
    [InlineData("public static string Descriptor = \"\";", "Descriptor")]
    [InlineData("static void TrainStep() { }", "TrainStep")]
    [InlineData("class PolicySize { }", "PolicySize")]
    public void A_member_named_like_a_generated_one_is_ALIGN049_at_its_name(string member, string name)
    {
        var declaration = $"public partial class Bad {{ {member} }}";
        var run = Reported(Bad("[Dpo] [Policy(InitFrom = typeof(Good))] [GymData(GymTask.HelpfulHarmless)]", declaration), "ALIGN049", Error, (member, name));
        GoodKeptBadDropped(run);
    }

    [Fact]
    public void A_constant_used_in_the_attribute_is_fine_when_named_apart()
    {
        var run = Generate.Run(Bad("[Sft] [GymData(GymTask.HelpfulHarmless)] [Training(Steps = TrainingSteps)]",
            "public partial class Bad { const int TrainingSteps = 20; }"));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void A_class_named_like_a_generated_member_is_ALIGN049()
    {
        var source = Source("""
            [Experiment("seed")] [Sft] [GymData(GymTask.HelpfulHarmless)]
            public partial class Seed;
            """);
        Reported(source, "ALIGN049", Error, ("public partial class Seed;", "Seed"));
    }

    [Fact]
    public void An_instance_Configure_is_ALIGN059_and_its_declaration_is_still_read()
    {
        var source = Bad("", """
            public partial class Bad
            {
                void Configure(ExperimentBuilder x) => x.Objective(o => o.Sft()).Data(d => d.Gym(GymTask.HelpfulHarmless));
            }
            """);
        // Not also ALIGN002 "no objective": the chain is read, so the one thing wrong is the missing 'static'.
        GoodKeptBadDropped(Reported(source, "ALIGN059", Error, ("void Configure(", "Configure")));
    }

    private const string Suites = """


        public abstract class AbstractSuite : IEvalSuite
        {
            public string Name => "abstract";
            public System.Threading.Tasks.Task<SuiteResult> RunAsync(EvalContext context, System.Threading.CancellationToken cancellationToken) => throw null!;
        }

        public sealed class SuiteWithArguments(int size) : AbstractSuite { public int Size => size; }

        public sealed class GenericSuite<T> : AbstractSuite;
        """;

    private const string Rewards = """


        public abstract class AbstractReward : AlignDsl.Rewards.IRewardFunction
        {
            public double Score(string prompt, string answer) => 0;
        }

        public sealed class GenericReward<T> : AbstractReward;
        """;
}
