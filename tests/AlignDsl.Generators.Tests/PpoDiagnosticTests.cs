using static AlignDsl.Generators.Tests.DiagnosticAssert;
using static Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace AlignDsl.Generators.Tests;

/// <summary>PPO's declaration: its reward (ALIGN041–043), its KL coefficient's range (ALIGN012), its four models (ALIGN024).</summary>
public sealed class PpoDiagnosticTests
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

    private static string Bad(string attributes) => Source($"""
        [Experiment("bad")]
        [Policy(InitFrom = typeof(Sft))]
        {attributes}
        [GymData(GymTask.HelpfulHarmless)]
        public partial class Bad;
        """);

    [Theory]
    [InlineData("[RewardFrom(typeof(Rm))]", "run.LoadRewardModel(\"rm\", policy)", "rewardModel.Rewards(rollout.Batch)")]
    [InlineData("[RewardFunction(typeof(Brevity))]", "new global::Tests.Brevity()", "rollout.Score(reward)")]
    public void Ppo_generates_its_rollout_loop_with_either_reward(string reward, string rewardSetUp, string scoring)
    {
        var run = Generate.Run(Bad("[Ppo(KlCoefficient = 0.05)]\n" + reward));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        var text = run.Files.Single(f => f.HintName == "Tests.Bad.g.cs").Text;
        Assert.Contains(rewardSetUp, text);
        Assert.Contains(scoring, text);
        Assert.Contains("private const double KlCoefficient = 0.05;", text);
        Assert.Contains("global::AlignDsl.Objectives.Ppo.Advantages(scores, oldLogProbs, reference.TokenLogProbs(rollout.Batch), oldValues, mask, klCoefficient, Gamma, Lambda)", text);
        Assert.Contains("new(\"value model\", Trainable: true, PolicySize.Parameters + PolicySize.ModelDim + 1)", text);
    }

    [Fact]
    public void ALIGN041_ppo_without_a_reward()
    {
        var source = Bad("[Ppo]");
        NotGenerated(Reported(source, "ALIGN041", Error, ("[Ppo]", "Ppo")), "Tests", "Bad");
    }

    [Fact]
    public void ALIGN041_says_what_an_online_objective_needs()
    {
        var run = Generate.Run(Bad("[Ppo]"));
        var message = run.GeneratorDiagnostics.Single(d => d.Id == "ALIGN041").GetMessage();
        Assert.Contains("trains PPO, an online objective that scores every answer it samples, but it declares no reward", message);
        Assert.Contains("[Reward] static double Correct(string prompt, string completion)", message);
    }

    [Fact]
    public void ALIGN041_two_reward_models_are_reported_at_the_second()
    {
        var source = Source("""
            [Experiment("rm2")]
            [Policy(InitFrom = typeof(Sft))]
            [RewardModel]
            [GymData(GymTask.HelpfulHarmless)]
            [EvalSuite(typeof(RewardModelBias))]
            public partial class Rm2;

            [Experiment("bad")]
            [Policy(InitFrom = typeof(Sft))]
            [Ppo]
            [GymData(GymTask.HelpfulHarmless)]
            public partial class Bad
            {
                static void Configure(ExperimentBuilder x) => x.Reward(r => r.From<Rm>().From<Rm2>());
            }
            """);
        NotGenerated(Reported(source, "ALIGN041", Error, ("From<Rm2>()", "From<Rm2>()")), "Tests", "Bad");
    }

    [Fact]
    public void ALIGN042_reward_from_an_experiment_that_trains_a_policy()
    {
        var source = Bad("[Ppo]\n[RewardFrom(typeof(Sft))]");
        NotGenerated(Reported(source, "ALIGN042", Error, ("RewardFrom(typeof(Sft))", "typeof(Sft)")), "Tests", "Bad");
    }

    [Fact]
    public void ALIGN042_reward_function_that_is_not_one()
    {
        var source = Bad("[Ppo]\n[RewardFunction(typeof(string))]");
        NotGenerated(Reported(source, "ALIGN042", Error, ("typeof(string)", "typeof(string)")), "Tests", "Bad");
    }

    [Fact]
    public void ALIGN043_a_reward_on_dpo_is_unused()
    {
        var source = Bad("[Dpo]\n[RewardFrom(typeof(Rm))]");
        var run = Reported(source, "ALIGN043", Warning, ("RewardFrom(typeof(Rm))", "RewardFrom(typeof(Rm))"));
        Generated(run, "Tests", "Bad");
        Assert.EndsWith("train with an objective that samples answers ([Ppo], [Grpo], [Rloo])", run.GeneratorDiagnostics.Single().GetMessage());
    }

    [Fact]
    public void ALIGN012_ppo_kl_coefficient_outside_its_typical_range()
    {
        var source = Bad("[Ppo(KlCoefficient = 0.5)]\n[RewardFrom(typeof(Rm))]");
        var run = Reported(source, "ALIGN012", Warning, ("KlCoefficient = 0.5", "0.5"));
        Assert.Contains("KlCoefficient = 0.5 is outside the typical range 0.01 to 0.2 for PPO", run.GeneratorDiagnostics.Single().GetMessage());
    }

    [Fact]
    public void ValueClipRange_is_its_own_setting_and_clips_the_value_model()
    {
        var run = Generate.Run(Bad("[Ppo(ClipRange = 0.1, ValueClipRange = 0.3)]\n[RewardFrom(typeof(Rm))]"));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        var text = run.Files.Single(f => f.HintName == "Tests.Bad.g.cs").Text;
        Assert.Contains("private const double ClipRange = 0.1;", text);
        Assert.Contains("private const double ValueClipRange = 0.3;", text);
        Assert.Contains("valueModel.Values(rollout.Batch), oldValues, mask, ClipRange, ValueClipRange, ValueCoefficient);", text);
        Assert.Contains("new(\"ValueClipRange\", ValueClipRange)", text);
    }

    [Theory]
    [InlineData("[Ppo(ValueClipRange = 0)]\n[RewardFrom(typeof(Rm))]", "ValueClipRange = 0", "0")]
    [InlineData("[Ppo(ValueClipRange = double.NaN)]\n[RewardFrom(typeof(Rm))]", "ValueClipRange = double.NaN", "double.NaN")]
    public void ValueClipRange_must_be_a_positive_number(string attributes, string anchor, string target)
    {
        var id = target == "0" ? "ALIGN019" : "ALIGN045";
        NotGenerated(Reported(Bad(attributes), id, Error, (anchor, target)), "Tests", "Bad");
    }

    [Fact]
    public void ValueClipRange_is_checked_in_the_builder_too()
    {
        var source = Source("""
            [Experiment("bad")]
            public partial class Bad
            {
                static void Configure(ExperimentBuilder x) => x
                    .Policy(p => p.InitFrom<Sft>())
                    .Objective(o => o.Ppo(valueClipRange: -0.2))
                    .Reward(r => r.From<Rm>())
                    .Data(d => d.Gym(GymTask.HelpfulHarmless));
            }
            """);
        NotGenerated(Reported(source, "ALIGN019", Error, ("valueClipRange: -0.2", "-0.2")), "Tests", "Bad");
    }

    [Fact]
    public void Ppo_with_lora_counts_no_reference_copy()
    {
        // With LoRA the generated PPO loop's reference is the policy with its adapters off: the estimate holds no copy of it.
        var source = Source("""
            [Experiment("lora-ppo")]
            [Policy(InitFrom = typeof(Sft))]
            [Ppo] [RewardFrom(typeof(Rm))] [Lora(Targets = "c_attn")]
            [GymData(GymTask.HelpfulHarmless)] [Budget(GpuMemoryGiB = 0.0001)]
            public partial class LoraPpo;
            """);
        var run = Generate.Run(source);
        var message = run.GeneratorDiagnostics.Single(d => d.Id == "ALIGN024").GetMessage();
        Assert.DoesNotContain("reference ", message);
        Assert.Contains("value model ", message);
        var text = Generate.Run(source.Replace("[Budget(GpuMemoryGiB = 0.0001)]", "")).Files.Single(f => f.HintName == "Tests.LoraPpo.g.cs").Text;
        Assert.DoesNotContain("FrozenCopy", text);
        Assert.Contains("BaseModelReference.TokenLogProbs(policy, rollout.Batch)", text);
    }

    [Fact]
    public void ALIGN024_ppo_holds_four_models()
    {
        var source = Generate.Usings + """
            namespace Tests;

            [Experiment("rm")] [Policy(Layers = 24, ModelDim = 2048, Heads = 16)] [RewardModel] [GymData(GymTask.HelpfulHarmless)]
            [EvalSuite(typeof(RewardModelBias))]
            public partial class Rm;

            [Experiment("big")] [Policy(Layers = 24, ModelDim = 2048, Heads = 16)] [Ppo] [RewardFrom(typeof(Rm))]
            [GymData(GymTask.HelpfulHarmless)] [Budget(GpuMemoryGiB = 40)]
            public partial class Big;
            """;
        var run = Generate.Run(source);
        var message = run.GeneratorDiagnostics.Single(d => d.Id == "ALIGN024").GetMessage();
        Assert.Contains("policy", message);
        Assert.Contains("value model", message);
        Assert.Contains("reference", message);
        Assert.Contains("reward model", message);
        Assert.DoesNotContain("PPO", message[message.IndexOf("fit", StringComparison.Ordinal)..]);
    }

    [Fact]
    public void ALIGN036_ppo_against_a_reward_model_nobody_checked_for_biases()
    {
        var source = Source("""
            [Experiment("unchecked")]
            [Policy(InitFrom = typeof(Sft))]
            [RewardModel]
            [GymData(GymTask.HelpfulHarmless)]
            public partial class Unchecked;

            [Experiment("bad")]
            [Policy(InitFrom = typeof(Sft))]
            [Ppo]
            [RewardFrom(typeof(Unchecked))]
            [GymData(GymTask.HelpfulHarmless)]
            public partial class Bad;
            """);
        // Once at the reward model, once where a policy is optimised against it.
        Generated(Reported(source, "ALIGN036", Warning, ("[RewardModel]\n[GymData(GymTask.HelpfulHarmless)]\npublic partial class Unchecked", "RewardModel"),
            ("RewardFrom(typeof(Unchecked))", "typeof(Unchecked)")), "Tests", "Bad");
    }

    [Fact]
    public void ALIGN044_ppo_from_a_fresh_policy()
    {
        var source = Source("[Experiment(\"bad\")]\n[Ppo]\n[RewardFrom(typeof(Rm))]\n[GymData(GymTask.HelpfulHarmless)]\npublic partial class Bad;");
        NotGenerated(Reported(source, "ALIGN044", Error, ("[Ppo]", "Ppo")), "Tests", "Bad");
    }

    [Fact]
    public void ALIGN042_a_reward_attribute_without_a_type_is_reported_not_emitted()
    {
        var source = Bad("[Ppo]\n[RewardFunction(null)]");
        NotGenerated(Reported(source, "ALIGN042", Error, ("RewardFunction(null)", "null")), "Tests", "Bad");
    }

    [Fact]
    public void Two_rewards_from_the_builder_are_summed()
    {
        var source = Source("""
            [Experiment("bad")]
            public partial class Bad
            {
                static void Configure(ExperimentBuilder x) => x
                    .Policy(p => p.InitFrom<Sft>()).Objective(o => o.Ppo()).Data(d => d.Gym(GymTask.HelpfulHarmless))
                    .Reward(r => r.From<Rm>().Function<Brevity>());
            }
            """);
        var run = Generate.Run(source);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Contains("var scores = rewards.Score(rollout, metrics);", run.Files.Single(f => f.HintName == "Tests.Bad.g.cs").Text);
    }

    private static string Training(string ppo, string reward = "[RewardFrom(typeof(Rm))]") => Source($"""
        [Experiment("bad")]
        [Policy(InitFrom = typeof(Sft))]
        {ppo}
        {reward}
        [GymData(GymTask.HelpfulHarmless)]
        [Training(BatchSize = 8)]
        public partial class Bad;
        """);

    private static string Text(AlignDsl.Testing.GeneratorRun run) => run.Files.Single(f => f.HintName == "Tests.Bad.g.cs").Text;

    [Fact]
    public void ALIGN087_mini_batches_that_do_not_divide_the_rollout()
    {
        // 8 prompts × 3 answers = 24 rows: 5 mini-batches cannot be equal; 4 can.
        var run = Reported(Training("[Ppo(RolloutsPerPrompt = 3, MiniBatches = 5)]"), "ALIGN087", Error, ("MiniBatches = 5", "5"));
        NotGenerated(run, "Tests", "Bad");
        Assert.Contains("MiniBatches (5) does not divide the rollout's 24 rows (BatchSize 8 × RolloutsPerPrompt 3)", run.GeneratorDiagnostics.Single().GetMessage());
        Assert.Contains("such as 4", run.GeneratorDiagnostics.Single().GetMessage());
    }

    [Fact]
    public void ALIGN087_is_checked_in_the_builder_too()
    {
        var source = Source("""
            [Experiment("bad")]
            public partial class Bad
            {
                static void Configure(ExperimentBuilder x) => x
                    .Policy(p => p.InitFrom<Sft>())
                    .Objective(o => o.Ppo(miniBatches: 3))
                    .Reward(r => r.From<Rm>())
                    .Data(d => d.Gym(GymTask.HelpfulHarmless))
                    .Training(t => t.BatchSize(8));
            }
            """);
        NotGenerated(Reported(source, "ALIGN087", Error, ("miniBatches: 3", "3")), "Tests", "Bad");
    }

    [Fact]
    public void Mini_batches_and_rollouts_per_prompt_are_folded_into_the_step_and_the_schedules()
    {
        var run = Generate.Run(Training("[Ppo(RolloutsPerPrompt = 3, MiniBatches = 4, PpoEpochs = 2)]"));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        var text = Text(run);
        Assert.Contains("const int updatesPerStep = PpoEpochs * MiniBatches;", text);
        Assert.Contains("run.AdamW(policy, learningRate, WarmupSteps * updatesPerStep, steps * updatesPerStep, WeightDecay, MaxGradNorm);", text);
        Assert.Contains("Rollout.Sample(policy, prompts, MaxNewTokens, MaxLength, generator, RolloutsPerPrompt);", text);
        Assert.Contains("foreach (var rows in global::AlignDsl.Training.MiniBatches.Shuffled(rollout, MiniBatches, generator))", text);
        Assert.Contains("oldLogProbs.index_select(0, rows), advantages.Rows(rows),", text);
    }

    [Fact]
    public void Settings_at_their_defaults_emit_none_of_their_code()
    {
        var text = Text(Generate.Run(Training("[Ppo]")));
        Assert.Contains("private const int MiniBatches = 1;", text);
        Assert.Contains("Rollout.Sample(policy, prompts, MaxNewTokens, MaxLength, generator);", text);
        Assert.DoesNotContain("MiniBatches.Shuffled", text);
        Assert.DoesNotContain("PenaliseMissingEos", text);
        Assert.DoesNotContain("AdaptiveKlController", text);
        Assert.Contains("TrainStep(policy, reference, valueModel, rewardModel, batch, klCoefficient, generator,", text);
    }

    [Fact]
    public void Missing_eos_penalty_lowers_the_scores_before_the_advantages()
    {
        var text = Text(Generate.Run(Training("[Ppo(MissingEosPenalty = 1.5)]")));
        Assert.Contains("private const double MissingEosPenalty = 1.5;", text);
        Assert.Contains("var scores = global::AlignDsl.Objectives.Ppo.PenaliseMissingEos(rewardModel.Rewards(rollout.Batch), rollout.MissingEos(), MissingEosPenalty);", text);
    }

    [Fact]
    public void Target_kl_adapts_beta_and_keeps_it_in_the_checkpoint()
    {
        var run = Generate.Run(Training("[Ppo(TargetKl = 6, KlHorizon = 5000)]"));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        var text = Text(run);
        Assert.Contains("var klController = new global::AlignDsl.Training.AdaptiveKlController(klCoefficient, TargetKl, KlHorizon);", text);
        Assert.Contains(".Add(\"generator\", generator).Add(\"klController\", klController);", text);
        Assert.Contains("TrainStep(policy, reference, valueModel, rewardModel, batch, klController, generator,", text);
        Assert.Contains("klController.Update(advantages.Kl);", text);
        Assert.Contains("metrics.Add(klController.Metrics(mask.device));", text);
    }

    [Fact]
    public void ALIGN088_kl_horizon_without_target_kl()
    {
        Generated(Reported(Training("[Ppo(KlHorizon = 500)]"), "ALIGN088", Warning, ("KlHorizon = 500", "500")), "Tests", "Bad");
    }

    [Theory]
    [InlineData("[RewardFrom(typeof(Rm))]", "run.NewValueModel(rewardModel)", "a trainable copy of the reward model, body and head")]
    [InlineData("[RewardFunction(typeof(Brevity))]", "run.NewValueModel(policy)", "a copy of its body with a value head")]
    public void The_value_model_starts_from_the_reward_model_when_there_is_one(string reward, string valueModel, string comment)
    {
        var text = Text(Generate.Run(Training("[Ppo]", reward)));
        Assert.Contains($"using var valueModel = {valueModel};", text);
        Assert.Contains(comment, text);
    }
}
