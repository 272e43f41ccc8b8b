using AlignDsl.Testing;
using static AlignDsl.Generators.Tests.DiagnosticAssert;
using static Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace AlignDsl.Generators.Tests;

/// <summary>
/// Several weighted rewards and [Reward] methods: each signature mistake at the method's name (ALIGN082–084), weights
/// (ALIGN045, ALIGN085), a reward declared twice (ALIGN086), a method on an offline objective (ALIGN043), export
/// (ALIGN064, ALIGN065), and the weighted sum the loop is generated with.
/// </summary>
public sealed class RewardDiagnosticTests
{
    /// <summary>The experiment "bad" with <paramref name="members"/>; with <paramref name="baseMembers"/>, it derives from a class holding them.</summary>
    private static string Source(string attributes, string members = "", string baseMembers = "") => Generate.Usings + $$"""
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

        public class SharedRewards
        {
            {{baseMembers}}
        }

        [Experiment("bad")]
        [Policy(InitFrom = typeof(Sft))]
        [GymData(GymTask.HelpfulHarmless)]
        {{attributes}}
        public partial class Bad{{(baseMembers.Length > 0 ? " : SharedRewards" : "")}}
        {
            {{members}}
        }
        """;

    private static string Ppo(string members) => Source("[Ppo]", members);

    private static string Text(GeneratorRun run) => run.Files.Single(f => f.HintName == "Tests.Bad.g.cs").Text;

    [Theory]
    [InlineData("[Reward] double Correct(string prompt, string completion) => 1;", "ALIGN082", "must be static")]
    [InlineData("[Reward] static double Correct(string prompt) => 1;", "ALIGN083", "takes (string prompt), where the loop passes the prompt and the sampled completion")]
    [InlineData("[Reward] static double Correct(string prompt, int completion) => 1;", "ALIGN083", "takes (string prompt, int completion)")]
    [InlineData("[Reward] static double Correct(string prompt, ref string completion) => 1;", "ALIGN083", "takes (string prompt, ref string completion)")]
    [InlineData("[Reward] static bool Correct(string prompt, string completion) => true;", "ALIGN083", "returns bool, where the loop adds up numbers (double, float or int)")]
    [InlineData("[Reward] static void Correct(string prompt, string completion) { }", "ALIGN083", "returns nothing")]
    [InlineData("[Reward] static System.Threading.Tasks.Task<double> Correct(string prompt, string completion) => null!;", "ALIGN083", "returns System.Threading.Tasks.Task<double>")]
    [InlineData("[Reward] static double Correct<T>(string prompt, string completion) => 1;", "ALIGN083", "is generic (T): remove its type parameters")]
    public void Each_signature_mistake_is_reported_at_the_method_name(string method, string id, string says)
    {
        var run = Reported(Ppo(method), id, Error, (method, "Correct"));
        NotGenerated(run, "Tests", "Bad");
        var message = run.GeneratorDiagnostics.Single().GetMessage();
        Assert.Contains(says, message);
        Assert.Contains("declare it 'static double Correct(string prompt, string completion)'", message);
    }

    [Fact]
    public void Two_mistakes_are_two_diagnostics()
    {
        const string method = "[Reward] double Correct(string prompt) => 1;";
        var run = Generate.Run(Ppo(method));
        Assert.Equal(["ALIGN082", "ALIGN083"], run.GeneratorDiagnostics.Select(d => d.Id).Order());
    }

    [Fact]
    public void ALIGN084_a_method_private_to_a_base_class()
    {
        var source = Source("[Ppo]", baseMembers: """
            [Reward] private static double Hidden(string prompt, string completion) => 1;
            [Reward] protected static double Shared(string prompt, string completion) => 1;
            """);
        var run = Reported(source, "ALIGN084", Error, ("double Hidden(", "Hidden"));
        Assert.Contains("'Hidden' is private to 'SharedRewards', so the generated part of 'Bad' cannot call it: make it protected or internal",
            run.GeneratorDiagnostics.Single().GetMessage());
    }

    [Fact]
    public void A_protected_method_of_a_base_class_is_a_reward()
    {
        var run = Generate.Run(Source("[Ppo]", baseMembers: "[Reward] protected static double Shared(string prompt, string completion) => 1;"));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Contains("WeightedReward.Method(\"Shared\", 1.0, Bad.Shared)", Text(run));
    }

    [Fact]
    public void A_private_method_of_the_class_itself_is_called_directly()
    {
        var run = Generate.Run(Ppo("[Reward(Weight = 2)] private static double Correct(string prompt, string completion) => 1;"));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Contains("global::AlignDsl.Rewards.WeightedReward.Method(\"Correct\", 2.0, Bad.Correct)", Text(run));
    }

    [Theory]
    [InlineData("float", "(prompt, completion) => Bad.Correct(prompt, completion)")]
    [InlineData("int", "(prompt, completion) => Bad.Correct(prompt, completion)")]
    [InlineData("double", ", Bad.Correct)")]
    public void Float_and_int_results_widen_to_double(string type, string call)
    {
        var run = Generate.Run(Ppo($"[Reward] static {type} Correct(string prompt, string completion) => 1;"));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Contains(call, Text(run));
    }

    [Theory]
    [InlineData("[Reward(Weight = 0)] static double Correct(string prompt, string completion) => 1;", "Weight = 0", "0", "ALIGN085")]
    [InlineData("[Reward(Weight = -0.5)] static double Correct(string prompt, string completion) => 1;", "Weight = -0.5", "-0.5", "ALIGN085")]
    [InlineData("[Reward(Weight = double.NaN)] static double Correct(string prompt, string completion) => 1;", "Weight = double.NaN", "double.NaN", "ALIGN045")]
    [InlineData("[Reward(Weight = double.PositiveInfinity)] static double Correct(string prompt, string completion) => 1;", "Weight = double.PositiveInfinity", "double.PositiveInfinity", "ALIGN045")]
    public void A_method_weight_must_be_a_finite_number_above_0(string method, string anchor, string target, string id)
    {
        var run = Reported(Ppo(method), id, Error, (anchor, target));
        NotGenerated(run, "Tests", "Bad");
        if (id == "ALIGN085")
            Assert.StartsWith("The Weight of reward 'Correct' must be greater than 0", run.GeneratorDiagnostics.Single().GetMessage());
    }

    [Theory]
    [InlineData("[RewardFunction(typeof(Brevity), Weight = 0)]", "Weight = 0", "0")]
    [InlineData("[RewardFrom(typeof(Rm), Weight = -1)]", "Weight = -1", "-1")]
    public void An_attribute_weight_must_be_above_0(string attribute, string anchor, string target)
    {
        NotGenerated(Reported(Source("[Ppo]\n" + attribute), "ALIGN085", Error, (anchor, target)), "Tests", "Bad");
    }

    [Fact]
    public void ALIGN086_the_same_function_twice_is_reported_at_the_second()
    {
        var source = Source("[Ppo]\n[RewardFunction(typeof(Brevity))]\n[RewardFunction(typeof(Brevity), Weight = 2)]");
        var run = Reported(source, "ALIGN086", Error, ("[RewardFunction(typeof(Brevity), Weight = 2)]", "typeof(Brevity)"));
        Assert.EndsWith("declares the reward 'Brevity' twice: declare each reward once, and raise its Weight to count it more",
            run.GeneratorDiagnostics.Single().GetMessage());
    }

    [Fact]
    public void ALIGN086_a_method_named_as_another_reward_is_reported_at_the_method()
    {
        const string method = "[Reward] static double Brevity(string prompt, string completion) => 1;";
        var run = Reported(Source("[Ppo]\n[RewardFunction(typeof(Brevity))]", method), "ALIGN086", Error, (method, "Brevity"));
        Assert.Contains("rewards/Brevity/mean", run.GeneratorDiagnostics.Single().GetMessage());
    }

    [Fact]
    public void ALIGN086_a_method_hiding_a_base_class_reward_is_reported_at_the_hidden_one()
    {
        var source = Source("[Ppo]", "[Reward] static new double Correct(string prompt, string completion) => 1;",
            "[Reward] protected static double Correct(string prompt, string completion) => 0;");
        Reported(source, "ALIGN086", Error, ("double Correct(string prompt, string completion) => 0", "Correct"));
    }

    [Fact]
    public void ALIGN043_a_reward_method_on_dpo_is_unused()
    {
        const string method = "[Reward] static double Correct(string prompt, string completion) => 1;";
        var run = Reported(Source("[Dpo]", method), "ALIGN043", Warning, (method, "Correct"));
        Generated(run, "Tests", "Bad");
    }

    [Fact]
    public void A_method_alone_is_a_reward()
    {
        var run = Generate.Run(Ppo("[Reward] static double Correct(string prompt, string completion) => AlignDsl.Rewards.GymRewards.Correct(prompt, completion);"));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        var text = Text(run);
        Assert.Contains("var scores = rewards.Score(rollout, metrics);", text);
        Assert.Contains("Rewards = [new(\"Correct\", 1.0, global::AlignDsl.RewardKind.Method)],", text);
    }

    [Fact]
    public void Reward_model_function_and_method_are_summed_with_their_weights()
    {
        var run = Generate.Run(Source("[Ppo]\n[RewardFrom(typeof(Rm), Weight = 0.5)]\n[RewardFunction(typeof(Brevity), Weight = 0.01)]",
            "[Reward(Weight = 2)] static double Correct(string prompt, string completion) => 1;"));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        var text = Text(run);
        Assert.Contains("using var rewardModel = run.LoadRewardModel(\"rm\", policy);", text);
        Assert.Contains("global::AlignDsl.Rewards.WeightedReward.Model(\"rm\", 0.5, rewardModel),", text);
        Assert.Contains("global::AlignDsl.Rewards.WeightedReward.Function(\"Brevity\", 0.01, new global::Tests.Brevity()),", text);
        Assert.Contains("global::AlignDsl.Rewards.WeightedReward.Method(\"Correct\", 2.0, Bad.Correct));", text);
        Assert.Contains("global::AlignDsl.Rewards.WeightedRewards rewards,", text);
        Assert.Contains("RewardFrom = \"rm\",", text);
        // The reward model stays resident and counted in the memory estimate.
        Assert.Contains("new(\"reward model\"", text);
    }

    [Fact]
    public void The_builder_declares_weighted_rewards_too()
    {
        var source = Source("[Ppo]", """
            static void Configure(ExperimentBuilder x) => x.Reward(r => r.From<Rm>(weight: 0.5).Function<Brevity>(weight: 0.25));
            """);
        var run = Generate.Run(source);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Contains("WeightedReward.Model(\"rm\", 0.5, rewardModel)", Text(run));
        Assert.Contains("WeightedReward.Function(\"Brevity\", 0.25, new global::Tests.Brevity())", Text(run));
    }

    [Fact]
    public void Export_a_ppo_rewarded_by_a_method_is_ALIGN064_at_the_method()
    {
        const string method = "[Reward] static double Correct(string prompt, string completion) => 1;";
        var run = Reported(Source("[Export(To = Engine.Trl)] [Ppo] [RewardFrom(typeof(Rm))]", method), "ALIGN064", Error, (method, "Correct"));
        Assert.Contains("'Correct(prompt, completion)'", run.GeneratorDiagnostics.Single().GetMessage());
    }

    [Fact]
    public void Export_a_weighted_reward_model_is_ALIGN065_at_the_weight()
    {
        var run = Reported(Source("[Export(To = Engine.Trl)] [Ppo] [RewardFrom(typeof(Rm), Weight = 2)]"), "ALIGN065", Warning, ("Weight = 2", "2"));
        Generated(run, "Tests", "Bad");
    }
}
