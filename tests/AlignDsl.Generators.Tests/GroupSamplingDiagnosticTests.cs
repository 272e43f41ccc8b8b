using static AlignDsl.Generators.Tests.DiagnosticAssert;
using static Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace AlignDsl.Generators.Tests;

/// <summary>
/// GRPO's and RLOO's declarations: group size (ALIGN080), guards they do not call (ALIGN081), the reward rules they share
/// with PPO through the catalogue (ALIGN041, ALIGN044, ALIGN056), and their resident models with and without β.
/// </summary>
public sealed class GroupSamplingDiagnosticTests
{
    private static string Source(string declarations) => Generate.Usings + """
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


        """ + declarations;

    private static string Bad(string attributes, string policy = "[Policy(InitFrom = typeof(Sft))]") => Source($"""
        [Experiment("bad")]
        {policy}
        {attributes}
        [GymData(GymTask.HelpfulHarmless)]
        public partial class Bad;
        """);

    private static string Text(AlignDsl.Testing.GeneratorRun run) => run.Files.Single(f => f.HintName == "Tests.Bad.g.cs").Text;

    [Theory]
    [InlineData("[Grpo(Generations = 1)]")]
    [InlineData("[Rloo(Generations = 1)]")]
    public void ALIGN080_a_group_of_one_has_no_baseline(string objective)
    {
        var source = Bad(objective + "\n[RewardFunction(typeof(Brevity))]");
        var run = Reported(source, "ALIGN080", Error, ("Generations = 1", "1"));
        Assert.Contains("Generations must be at least 2 (got 1)", run.GeneratorDiagnostics.Single().GetMessage());
        NotGenerated(run, "Tests", "Bad");
    }

    [Fact]
    public void ALIGN080_is_checked_in_the_builder_too()
    {
        var source = Source("""
            [Experiment("bad")]
            public partial class Bad
            {
                static void Configure(ExperimentBuilder x) => x
                    .Policy(p => p.InitFrom<Sft>())
                    .Objective(o => o.Grpo(generations: 1, beta: 0.04))
                    .Reward(r => r.Function<Brevity>())
                    .Data(d => d.Gym(GymTask.HelpfulHarmless));
            }
            """);
        NotGenerated(Reported(source, "ALIGN080", Error, ("generations: 1", "1")), "Tests", "Bad");
    }

    [Fact]
    public void ALIGN081_guards_on_grpo_warn_and_emit_no_guard_code()
    {
        var source = Bad("[Grpo(Beta = 0.04)]\n[RewardFunction(typeof(Brevity))]\n[Guards(MaxKl = 5)]");
        var run = Reported(source, "ALIGN081", Warning, ("[Guards(MaxKl = 5)]", "Guards(MaxKl = 5)"));
        Assert.Contains("GRPO's loop would never call them", run.GeneratorDiagnostics.Single().GetMessage());
        Generated(run, "Tests", "Bad");
        Assert.DoesNotContain("run.Guards(", Text(run));
    }

    [Theory]
    [InlineData("[Grpo]", "Grpo")]
    [InlineData("[Rloo]", "Rloo")]
    public void ALIGN041_the_reward_rules_apply_to_every_objective_that_samples(string objective, string target)
    {
        NotGenerated(Reported(Bad(objective), "ALIGN041", Error, (objective, target)), "Tests", "Bad");
    }

    [Fact]
    public void ALIGN044_grpo_needs_a_trained_policy()
    {
        var source = Bad("[Grpo]\n[RewardFunction(typeof(Brevity))]", policy: "");
        NotGenerated(Reported(source, "ALIGN044", Error, ("[Grpo]", "Grpo")), "Tests", "Bad");
    }

    [Fact]
    public void ALIGN056_rloo_answers_must_fit_the_sequence()
    {
        var source = Bad("[Rloo(MaxNewTokens = 48)]\n[RewardFunction(typeof(Brevity))]");
        NotGenerated(Reported(source, "ALIGN056", Error, ("MaxNewTokens = 48", "48")), "Tests", "Bad");
    }

    [Fact]
    public void ALIGN022_beta_may_be_zero_but_not_negative()
    {
        NotGenerated(Reported(Bad("[Grpo(Beta = -0.1)]\n[RewardFunction(typeof(Brevity))]"), "ALIGN022", Error, ("Beta = -0.1", "-0.1")), "Tests", "Bad");
    }

    [Theory]
    [InlineData("[Grpo(Beta = 0)]")]
    [InlineData("[Rloo(Beta = 0)]")]
    public void With_beta_zero_no_reference_is_resident_or_built(string objective)
    {
        var run = Generate.Run(Bad(objective + "\n[RewardFrom(typeof(Rm))]\n[EvalSuite(typeof(KlDivergence))]"));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        var text = Text(run);
        Assert.Contains("ResidentModels: [new(\"policy\", Trainable: true, PolicySize.Parameters), new(\"reward model\", Trainable: false, PolicySize.Parameters + PolicySize.ModelDim), new(\"baseline\", Trainable: false, PolicySize.Parameters)]", text);
        Assert.DoesNotContain("using var reference", text);
        Assert.DoesNotContain("TokenLogProbs(rollout.Batch);\n", text.Replace("policy.TokenLogProbs(rollout.Batch);\n", ""));
        // KL evaluation compares with a frozen copy taken before training instead.
        Assert.Contains("using var baseline = policy.FrozenCopy();", text);
        Assert.Contains("if (beta != 0) throw new global::System.ArgumentException(", text);
    }

    [Theory]
    [InlineData("[Grpo(Beta = 0.04)]", "global::AlignDsl.Objectives.Grpo.Loss(logProbs, logProbs.detach(), referenceLogProbs, advantages.Advantages, mask, ClipRange, beta,")]
    [InlineData("[Rloo]", "global::AlignDsl.Objectives.Rloo.Advantages(rewardModel.Rewards(rollout.Batch), oldLogProbs, reference.TokenLogProbs(rollout.Batch), mask, Generations, beta);")]
    public void With_beta_the_reference_is_a_frozen_copy_scored_every_step(string objective, string step)
    {
        var run = Generate.Run(Bad(objective + "\n[RewardFrom(typeof(Rm))]"));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        var text = Text(run);
        Assert.Contains("new(\"reference\", Trainable: false, PolicySize.Parameters)", text);
        Assert.Contains("using var reference = policy.FrozenCopy();", text);
        Assert.Contains("samplesPerPrompt: Generations", text);
        Assert.Contains(step, text);
        Assert.DoesNotContain("valueModel", text);
    }

    [Theory]
    [InlineData("[Rloo(Iterations = 1)]", false)]
    [InlineData("[Rloo(Iterations = 3)]", true)]
    [InlineData("[Grpo(Iterations = 1)]", false)]
    [InlineData("[Grpo(Iterations = 3)]", true)]
    public void Several_iterations_keep_the_rollout_log_probs_and_one_reuses_the_update_pass(string objective, bool loops)
    {
        var run = Generate.Run(Bad(objective + "\n[RewardFunction(typeof(Brevity))]"));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        var text = Text(run);
        Assert.Equal(loops, text.Contains("for (var iteration = 0; iteration < Iterations; iteration++)"));
        Assert.Equal(loops, text.Contains("oldLogProbs = policy.TokenLogProbs(rollout.Batch);"));
        Assert.Equal(!loops, text.Contains("var logProbs = policy.TokenLogProbs(rollout.Batch);"));
    }

    [Fact]
    public void Grpo_with_lora_uses_the_base_as_reference()
    {
        var run = Generate.Run(Bad("[Grpo(Beta = 0.04)]\n[RewardFunction(typeof(Brevity))]\n[Lora(Targets = \"c_attn\")]"));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        var text = Text(run);
        Assert.DoesNotContain("FrozenCopy", text);
        Assert.Contains("referenceLogProbs = global::AlignDsl.Models.BaseModelReference.TokenLogProbs(policy, rollout.Batch);", text);
    }

    [Fact]
    public void The_memory_budget_counts_no_reference_when_beta_is_zero()
    {
        var withKl = Generate.Run(Bad("[Grpo(Beta = 0.04)]\n[RewardFunction(typeof(Brevity))]\n[Budget(GpuMemoryGiB = 0.0001)]"));
        Assert.Contains("reference ", withKl.GeneratorDiagnostics.Single(d => d.Id == "ALIGN024").GetMessage());
        var withoutKl = Generate.Run(Bad("[Grpo(Beta = 0)]\n[RewardFunction(typeof(Brevity))]\n[Budget(GpuMemoryGiB = 0.0001)]"));
        Assert.DoesNotContain("reference ", withoutKl.GeneratorDiagnostics.Single(d => d.Id == "ALIGN024").GetMessage());
    }
}
