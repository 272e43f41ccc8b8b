using Microsoft.CodeAnalysis;

namespace AlignDsl.Generators.Tests;

/// <summary>Code that is still being typed, or that is odd but legal, must never make the generator throw.</summary>
public sealed class RobustnessTests
{
    [Theory]
    [InlineData("""[Experiment("a")] [Dpo(Beta = )] [GymData(GymTask.HelpfulHarmless)] public partial class A;""")]
    [InlineData("""[Experiment] [Sft] [GymData(GymTask.HelpfulHarmless)] public partial class A;""")]
    [InlineData("""[Experiment("a")] [Policy(InitFrom = typeof(DoesNotExist))] [Sft] [GymData(GymTask.HelpfulHarmless)] public partial class A;""")]
    [InlineData("""[Experiment("a")] [Sft] [GymData(GymTask.HelpfulHarmless)] [Training(Steps = "ten")] public partial class A;""")]
    [InlineData("""[Experiment("a")] [Sft] [GymData(GymTask.HelpfulHarmless)] public partial class A {""")]
    [InlineData("""[Experiment(null)] [Sft] [GymData()] [JsonlData] [EvalSuite(null)] public partial class A;""")]
    [InlineData("""[Experiment("a")] [Policy(Heads = 0)] [Dpo(Beta = 1 / 0)] [GymData(GymTask.HelpfulHarmless)] public partial class A;""")]
    [InlineData("""[Experiment("a")] [Experiment("b")] [Sft, Sft] [GymData(GymTask.HelpfulHarmless)] public partial class""")]
    public void Malformed_declarations_do_not_throw(string declaration)
    {
        var run = Generate.Run(Generate.Usings + "namespace Broken;\n" + declaration);

        Assert.Null(run.GeneratorException);
        Assert.Contains(run.InputCompilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Theory]
    [InlineData("""[Experiment("a")] [Sft] [GymData(GymTask.HelpfulHarmless)] public partial class A<T>;""")]
    [InlineData("""[Experiment("")] [Sft] [JsonlData("")] public partial record A;""")]
    public void Odd_but_legal_declarations_do_not_throw(string declaration)
    {
        var run = Generate.Run(Generate.Usings + "namespace Odd;\n" + declaration);

        Assert.Null(run.GeneratorException);
    }

    [Fact]
    public void An_open_generic_type_as_a_suite_is_reported_not_dropped()
    {
        var source = Generate.Usings + "namespace Odd;\n" +
            """[Experiment("a")] [Sft] [GymData(GymTask.HelpfulHarmless)] [EvalSuite(typeof(System.Collections.Generic.List<>))] public partial class A;""";

        var run = DiagnosticAssert.Reported(source, "ALIGN009", DiagnosticSeverity.Error,
            ("typeof(System.Collections.Generic.List<>)", "typeof(System.Collections.Generic.List<>)"));

        DiagnosticAssert.NotGenerated(run, "Odd", "A");
    }

    [Fact]
    public void An_experiment_that_starts_from_itself_is_a_cycle()
    {
        var source = Generate.Usings + "namespace Odd;\n" +
            """[Experiment("a")] [Policy(InitFrom = typeof(A))] [Sft] [GymData(GymTask.HelpfulHarmless)] public partial class A;""";

        var run = DiagnosticAssert.Reported(source, "ALIGN014", DiagnosticSeverity.Error, ("typeof(A)", "typeof(A)"));

        DiagnosticAssert.NotGenerated(run, "Odd", "A");
    }
}
