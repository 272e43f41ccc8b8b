using static AlignDsl.Generators.Tests.DiagnosticAssert;
using static AlignDsl.Generators.Tests.Holes.HoleSources;
using static Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace AlignDsl.Generators.Tests.Holes;

/// <summary>
/// Settings that contradict each other: a warm-up as long as training (ALIGN055), PPO answers longer than the sequence
/// (ALIGN056), a reward model whose vocabulary cannot be the policy's (ALIGN057), and a reward model that needs the
/// experiment it rewards (ALIGN058).
/// </summary>
public sealed class ContradictionRuleTests
{
    [Theory]
    [InlineData(10, 10)]
    [InlineData(50, 20)]
    public void A_written_warm_up_not_shorter_than_training_is_ALIGN055(int warmup, int steps)
    {
        var attributes = $"[Sft] [GymData(GymTask.HelpfulHarmless)] [Training(Steps = {steps}, WarmupSteps = {warmup})]";
        GoodKeptBadDropped(Reported(Bad(attributes), "ALIGN055", Error, ($"WarmupSteps = {warmup}", $"{warmup}")));
    }

    [Fact]
    public void The_default_warm_up_is_not_held_against_a_short_run()
    {
        var run = Generate.Run(Bad("[Sft] [GymData(GymTask.HelpfulHarmless)] [Training(Steps = 5)]"));
        Assert.Empty(run.GeneratorDiagnostics);
    }

    private const string RewardModel = """
        [Experiment("rm")] [RewardModel] [Policy(InitFrom = typeof(Good))] [EvalSuite(typeof(RewardModelBias))] [GymData(GymTask.HelpfulHarmless)]
        public partial class Rm;

        """;

    [Theory]
    [InlineData("[Ppo(MaxNewTokens = 48)]", "48")]
    [InlineData("[Ppo(MaxNewTokens = 30)] [Training(MaxLength = 30)]", "30")]
    public void PPO_answers_as_long_as_the_sequence_are_ALIGN056(string attributes, string value)
    {
        var source = Source(RewardModel + $"""
            [Experiment("bad")] [Policy(InitFrom = typeof(Good))] {attributes} [RewardFrom(typeof(Rm))] [GymData(GymTask.HelpfulHarmless)]
            public partial class Bad;
            """);
        GoodKeptBadDropped(Reported(source, "ALIGN056", Error, ($"MaxNewTokens = {value}", value)));
    }

    [Fact]
    public void A_reward_model_from_another_corpus_is_ALIGN057()
    {
        var source = Source("""
            [Experiment("jsonl-sft")] [Sft] [JsonlData("data/sft.jsonl")]
            public partial class JsonlSft;

            [Experiment("rm")] [RewardModel] [Policy(InitFrom = typeof(JsonlSft))] [EvalSuite(typeof(RewardModelBias))] [GymData(GymTask.HelpfulHarmless)]
            public partial class Rm;

            [Experiment("bad")] [Policy(InitFrom = typeof(Good))] [Ppo] [RewardFrom(typeof(Rm))] [GymData(GymTask.HelpfulHarmless)]
            public partial class Bad;
            """);
        var run = Reported(source, "ALIGN057", Error, ("RewardFrom(typeof(Rm))", "typeof(Rm)"));
        GoodKeptBadDropped(run);
        Assert.Contains("'jsonl-sft' (jsonl:data/sft.jsonl)", Assert.Single(run.GeneratorDiagnostics).GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Policy(Pretrained = \"models/llama\")]", "", true)]   // a pretrained policy scored by a reward model with the gym's vocabulary
    [InlineData("", "[Policy(Pretrained = \"models/llama\")]", true)]   // and the other way round
    [InlineData("[Policy(Pretrained = \"models/a\")]", "[Policy(Pretrained = \"models/b\")]", false)] // two folders may share a tokenizer: the run checks
    public void A_pretrained_model_on_one_side_only_is_ALIGN057(string policy, string rewardModel, bool reported)
    {
        var source = Source($$"""
            [Experiment("rm")] [RewardModel] {{rewardModel}} [EvalSuite(typeof(RewardModelBias))] [GymData(GymTask.HelpfulHarmless)]
            public partial class Rm;

            [Experiment("bad")] {{policy}} [Ppo] [RewardFrom(typeof(Rm))] [GymData(GymTask.HelpfulHarmless)]
            public partial class Bad;
            """);
        var run = Generate.Run(source);
        var mismatch = run.GeneratorDiagnostics.Where(d => d.Id == "ALIGN057").ToList();
        if (!reported)
        {
            Assert.Empty(mismatch);
            return;
        }
        var message = Assert.Single(mismatch).GetMessage();
        Assert.Contains("the tokenizer of models/llama", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reward_model_from_the_same_start_as_the_policy_is_accepted()
    {
        var source = Source(RewardModel + """
            [Experiment("bad")] [Policy(InitFrom = typeof(Good))] [Ppo] [RewardFrom(typeof(Rm))] [GymData(GymTask.HelpfulHarmless)]
            public partial class Bad;
            """);
        var run = Generate.Run(source);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void A_reward_model_that_starts_from_the_PPO_policy_is_ALIGN058()
    {
        var source = Source("""
            [Experiment("rm")] [RewardModel] [Policy(InitFrom = typeof(Bad))] [EvalSuite(typeof(RewardModelBias))] [GymData(GymTask.HelpfulHarmless)]
            public partial class Rm;

            [Experiment("bad")] [Policy(InitFrom = typeof(Good))] [Ppo] [RewardFrom(typeof(Rm))] [GymData(GymTask.HelpfulHarmless)]
            public partial class Bad;
            """);
        var run = Reported(source, "ALIGN058", Error, ("RewardFrom(typeof(Rm))", "typeof(Rm)"));
        Assert.Contains("bad → rm → bad", Assert.Single(run.GeneratorDiagnostics).GetMessage(), StringComparison.Ordinal);
        GoodKeptBadDropped(run);
    }
}
