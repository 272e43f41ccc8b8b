using static AlignDsl.Generators.Tests.DiagnosticAssert;
using static Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace AlignDsl.Generators.Tests;

/// <summary>
/// <c>[Export(To = Engine.Trl)]</c>: an online objective rewarded by a C# function cannot be exported (ALIGN064); a setting TRL only
/// approximates is said (ALIGN065); an exportable experiment gets neither, and without [Export] nothing is checked.
/// </summary>
public sealed class ExportDiagnosticTests
{
    private static string Source(string attributes) => Generate.Usings + $$"""
        namespace Tests;

        [Experiment("sft")]
        [Sft]
        [GymData(GymTask.HelpfulHarmless)]
        public partial class Sft;

        [Experiment("rm")]
        [Policy(InitFrom = typeof(Sft))]
        [RewardModel]
        [GymData(GymTask.HelpfulHarmless)]
        [EvalSuite(typeof(RewardModelBias))]
        public partial class Rm;

        public sealed class Brevity : AlignDsl.Rewards.IRewardFunction
        {
            public double Score(string prompt, string answer) => -answer.Length;
        }

        [Experiment("bad")]
        [Policy(InitFrom = typeof(Sft))]
        {{attributes}}
        public partial class Bad;
        """;

    [Fact]
    public void Ppo_rewarded_by_a_function_is_ALIGN064_at_the_function()
    {
        var source = Source("[Export(To = Engine.Trl)] [Ppo] [RewardFunction(typeof(Brevity))] [GymData(GymTask.HelpfulHarmless)]");
        var run = Reported(source, "ALIGN064", Error, ("RewardFunction(typeof(Brevity))", "typeof(Brevity)"));
        Assert.Contains("Tests.Brevity", run.GeneratorDiagnostics.Single().GetMessage(), StringComparison.Ordinal);
        NotGenerated(run, "Tests", "Bad");
    }

    [Fact]
    public void Grpo_and_rloo_rewarded_by_a_function_are_ALIGN064_naming_their_trainer()
    {
        foreach (var (objective, trainer) in new[] { ("[Grpo(Generations = 4)]", "GRPOTrainer"), ("[Rloo]", "RLOOTrainer") })
        {
            var source = Source($"[Export(To = Engine.Trl)] {objective} [RewardFunction(typeof(Brevity))] [GymData(GymTask.HelpfulHarmless)]");
            var run = Reported(source, "ALIGN064", Error, ("RewardFunction(typeof(Brevity))", "typeof(Brevity)"));
            Assert.Contains(trainer, run.GeneratorDiagnostics.Single().GetMessage(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Grpo_from_a_weighted_reward_model_exports_without_a_warning()
    {
        // GRPOTrainer takes the weight as reward_weights, so nothing is approximated.
        var run = Generate.Run(Source("[Export(To = Engine.Trl)] [Grpo(Generations = 4)] [RewardFrom(typeof(Rm), Weight = 0.5)] [GymData(GymTask.HelpfulHarmless)]"));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id is "ALIGN064" or "ALIGN065");
    }

    [Fact]
    public void Without_Export_the_same_PPO_is_fine()
    {
        var run = Generate.Run(Source("[Ppo] [RewardFunction(typeof(Brevity))] [GymData(GymTask.HelpfulHarmless)]"));
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void Ranking_weights_are_ALIGN065_a_warning_and_the_experiment_still_generates()
    {
        var source = Source("[Export(To = Engine.Trl)] [RewardModel(RankingWeights = true)] [JsonlData(\"r.jsonl\", Shape = JsonlShape.Rankings)] [EvalSuite(typeof(RewardModelBias))]");
        var run = Reported(source, "ALIGN065", Warning, ("RankingWeights = true", "true"));
        Generated(run, "Tests", "Bad");
    }

    [Theory]
    [InlineData("RolloutsPerPrompt = 2", "2")]
    [InlineData("TargetKl = 6", "6")]
    public void Ppo_settings_trl_lacks_are_ALIGN065(string setting, string value)
    {
        var source = Source($"[Export(To = Engine.Trl)] [Ppo({setting})] [RewardFrom(typeof(Rm))] [GymData(GymTask.HelpfulHarmless)]");
        Generated(Reported(source, "ALIGN065", Warning, (setting, value)), "Tests", "Bad");
    }

    [Theory]
    [InlineData("[Ppo(MiniBatches = 2, MissingEosPenalty = 1)] [RewardFrom(typeof(Rm))] [GymData(GymTask.HelpfulHarmless)]")]
    [InlineData("[Dpo(Beta = 0.1)] [GymData(GymTask.HelpfulHarmless)]")]
    [InlineData("[Ppo] [RewardFrom(typeof(Rm))] [GymData(GymTask.HelpfulHarmless)]")]
    [InlineData("[SimPo] [GymData(GymTask.HelpfulHarmless)]")]
    public void Exportable_experiments_get_no_diagnostic(string attributes)
    {
        var run = Generate.Run(Source("[Export(To = Engine.Trl)] " + attributes));
        Assert.Empty(run.GeneratorDiagnostics);
    }
}
