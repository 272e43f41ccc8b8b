using static AlignDsl.Generators.Tests.DiagnosticAssert;
using static AlignDsl.Generators.Tests.Holes.HoleSources;
using static Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace AlignDsl.Generators.Tests.Holes;

/// <summary>ALIGN045 (NaN and ±∞ wherever a number is declared), ALIGN046 (budgets) and ALIGN047 (enum values that name no member).</summary>
public sealed class NumberRuleTests
{
    [Theory]
    [InlineData("[Dpo(Beta = double.PositiveInfinity)] [GymData(GymTask.HelpfulHarmless)]", "double.PositiveInfinity")]
    [InlineData("[Dpo(Beta = double.NaN)] [GymData(GymTask.HelpfulHarmless)]", "double.NaN")]
    [InlineData("[Dpo(LabelSmoothing = double.NaN)] [GymData(GymTask.HelpfulHarmless)]", "double.NaN")]
    [InlineData("[SimPo(Gamma = double.PositiveInfinity)] [GymData(GymTask.HelpfulHarmless)]", "double.PositiveInfinity")]
    [InlineData("[SimPo(SftWeight = double.PositiveInfinity)] [GymData(GymTask.HelpfulHarmless)]", "double.PositiveInfinity")]
    [InlineData("[Orpo(Lambda = double.PositiveInfinity)] [GymData(GymTask.HelpfulHarmless)]", "double.PositiveInfinity")]
    [InlineData("[Kto(DesirableWeight = double.PositiveInfinity)] [GymData(GymTask.HelpfulHarmless)]", "double.PositiveInfinity")]
    [InlineData("[RewardModel(Margin = double.NegativeInfinity)] [EvalSuite(typeof(RewardModelBias))] [GymData(GymTask.HelpfulHarmless)]", "double.NegativeInfinity")]
    [InlineData("[RewardModel(CenterRewards = double.PositiveInfinity)] [EvalSuite(typeof(RewardModelBias))] [GymData(GymTask.HelpfulHarmless)]", "double.PositiveInfinity")]
    [InlineData("[Sft] [GymData(GymTask.HelpfulHarmless)] [Training(LearningRate = double.PositiveInfinity)]", "double.PositiveInfinity")]
    [InlineData("[Sft] [GymData(GymTask.HelpfulHarmless)] [Training(WeightDecay = double.NaN)]", "double.NaN")]
    [InlineData("[Sft] [GymData(GymTask.HelpfulHarmless)] [Training(MaxGradNorm = double.PositiveInfinity)]", "double.PositiveInfinity")]
    [InlineData("[Sft] [GymData(GymTask.HelpfulHarmless)] [Training(MaxGradNorm = 1 / 0.0)]", "1 / 0.0")]
    public void A_non_finite_number_is_ALIGN045_at_its_argument(string attributes, string value)
    {
        var source = Bad(attributes);
        var run = Reported(source, "ALIGN045", Error, (attributes, value));
        GoodKeptBadDropped(run);
        Assert.Contains("must be a finite number", Assert.Single(run.GeneratorDiagnostics).GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_finite_PPO_coefficient_and_principle_weight_are_ALIGN045()
    {
        var source = Source("""
            [Experiment("rm")] [RewardModel] [Policy(InitFrom = typeof(Good))] [EvalSuite(typeof(RewardModelBias))] [GymData(GymTask.HelpfulHarmless)]
            public partial class Rm;

            [Experiment("bad")] [Policy(InitFrom = typeof(Good))] [Ppo(KlCoefficient = double.NaN, ClipRange = double.PositiveInfinity)] [RewardFrom(typeof(Rm))]
            [GymData(GymTask.HelpfulHarmless)]
            public partial class Bad;
            """);
        Reported(source, "ALIGN045", Error, ("KlCoefficient = double.NaN", "double.NaN"), ("ClipRange = double.PositiveInfinity", "double.PositiveInfinity"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("double.NaN")]
    [InlineData("double.PositiveInfinity")]
    public void A_budget_that_is_not_a_positive_number_is_ALIGN046(string value)
    {
        var attributes = $"[Sft] [GymData(GymTask.HelpfulHarmless)] [Budget(GpuMemoryGiB = {value})]";
        GoodKeptBadDropped(Reported(Bad(attributes), "ALIGN046", Error, ($"GpuMemoryGiB = {value}", value)));
    }

    [Fact]
    public void An_assembly_budget_that_is_not_positive_is_ALIGN046_once()
    {
        var source = Generate.Usings + """
            [assembly: Budget(GpuMemoryGiB = -2)]

            namespace Tests;

            [Experiment("one")] [Sft] [GymData(GymTask.HelpfulHarmless)]
            public partial class One;

            [Experiment("two")] [Sft] [GymData(GymTask.HelpfulHarmless)]
            public partial class Two;
            """;
        Reported(source, "ALIGN046", Error, ("GpuMemoryGiB = -2", "-2"));
    }

    [Theory]
    [InlineData("[Sft] [GymData((GymTask)99)]", "(GymTask)99", "Task")]
    [InlineData("[Dpo(Loss = (DpoLoss)7)] [Policy(InitFrom = typeof(Good))] [GymData(GymTask.HelpfulHarmless)]", "(DpoLoss)7", "Loss")]
    [InlineData("[Dpo] [Policy(InitFrom = typeof(Good))] [JsonlData(\"p.jsonl\", Shape = (JsonlShape)9)]", "(JsonlShape)9", "Shape")]
    [InlineData("[Dpo] [Policy(InitFrom = typeof(Good))] [FromConstitution((GymTask)5)] [Principle(\"h\", \"Be kind.\")]", "(GymTask)5", "Prompts")]
    [InlineData("[Dpo] [Policy(InitFrom = typeof(Good))] [FromConstitution(GymTask.HelpfulHarmless, Judge = (FeedbackJudge)3)] [Principle(\"h\", \"Be kind.\")]", "(FeedbackJudge)3", "Judge")]
    public void An_enum_value_that_names_no_member_is_ALIGN047(string attributes, string value, string setting)
    {
        var run = Reported(Bad(attributes), "ALIGN047", Error, (attributes, value));
        GoodKeptBadDropped(run);
        Assert.StartsWith(setting + " = ", Assert.Single(run.GeneratorDiagnostics).GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_builder_form_checks_enums_and_numbers_too()
    {
        var source = Source("""
            [Experiment("bad")]
            public partial class Bad
            {
                static void Configure(ExperimentBuilder x) => x
                    .Objective(o => o.Dpo(beta: double.PositiveInfinity))
                    .Policy(p => p.InitFrom<Good>())
                    .Data(d => d.Gym((GymTask)42));
            }
            """);
        var run = Generate.Run(source);
        Assert.Equal(["ALIGN045", "ALIGN047"], run.GeneratorDiagnostics.Select(d => d.Id).Order());
        GoodKeptBadDropped(run);
    }
}
