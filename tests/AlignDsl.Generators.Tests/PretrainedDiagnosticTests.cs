using AlignDsl.Testing;
using static AlignDsl.Generators.Tests.DiagnosticAssert;
using static Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace AlignDsl.Generators.Tests;

/// <summary>A pretrained policy, its chat template and LoRA (ALIGN073–079), reward models on a pretrained body, and the loop generated for a pretrained policy.</summary>
public sealed class PretrainedDiagnosticTests
{
    private static string One(string attributes, string objective = "[Dpo]") => Generate.Usings + $$"""
        namespace Tests;

        [Experiment("one")]
        {{objective}}
        {{attributes}}
        [GymData(GymTask.HelpfulHarmless)]
        public partial class One;
        """;

    /// <summary>What was reported besides ALIGN068, the info that these sources give no config.json as an AdditionalFile.</summary>
    private static IEnumerable<Microsoft.CodeAnalysis.Diagnostic> Real(GeneratorRun run) => run.GeneratorDiagnostics.Where(d => d.Id != "ALIGN068");

    /// <summary>A reward function for PPO declarations.</summary>
    private const string Brevity = "\npublic sealed class Brevity : AlignDsl.Rewards.IRewardFunction { public double Score(string p, string a) => -a.Length; }";

    /// <summary>The experiment One's generated file, after checking that nothing was reported and everything compiles.</summary>
    private static string GeneratedCleanly(string source)
    {
        var run = Generate.Run(source);
        Assert.Empty(Real(run));
        Assert.Empty(run.CompilationDiagnostics);
        return run.Files.Single(f => f.HintName == "Tests.One.g.cs").Text;
    }

    private const string Sft = """
        [Experiment("sft")]
        [Sft]
        [GymData(GymTask.HelpfulHarmless)]
        public partial class Sft;

        """;

    [Theory]
    [InlineData("[Sft]", "global::AlignDsl.Data.DemonstrationData.Tokenize(policy.Render(demonstrations.Train), policy.Tokenizer, MaxLength)")]
    [InlineData("[Dpo]", "global::AlignDsl.Data.PreferenceData.Tokenize(policy.Render(pairs.Train), policy.Tokenizer, MaxLength)")]
    [InlineData("[Kto]", "global::AlignDsl.Data.FeedbackData.Tokenize(policy.Render(feedback.Train), policy.Tokenizer, MaxLength)")]
    [InlineData("[SimPo]", "global::AlignDsl.Data.PreferenceData.Tokenize(policy.Render(pairs.Train), policy.Tokenizer, MaxLength)")]
    [InlineData("[Ppo]\n[RewardFunction(typeof(global::Tests.Brevity))]", "using var reference = policy.FrozenCopy();")]
    public void A_pretrained_policy_is_loaded_with_its_template_and_its_data_rendered(string objective, string tokenize)
    {
        var text = GeneratedCleanly(One("[Policy(Pretrained = \"models/tiny-llama\", ChatTemplate = AlignDsl.Chat.ChatTemplates.ChatMl)]", objective) + Brevity);
        Assert.Contains("private const string PretrainedFolder = \"models/tiny-llama\";", text);
        Assert.Contains("private const string ChatTemplate = \"{% for message in messages %}", text);
        Assert.Contains("using var policy = run.LoadPretrained(PretrainedFolder, ChatTemplate);", text);
        Assert.Contains(tokenize, text);
        Assert.DoesNotContain("run.NewPolicy", text);
    }

    [Fact]
    public void Without_a_declared_template_the_folder_s_own_is_used_and_an_InitFrom_child_renders_its_data_too()
    {
        var source = Generate.Usings + """
            namespace Tests;

            [Experiment("sft")]
            [Sft]
            [Policy(Pretrained = "models/tiny-llama")]
            [GymData(GymTask.HelpfulHarmless)]
            public partial class Sft;

            [Experiment("dpo")]
            [Dpo]
            [Policy(InitFrom = typeof(Sft))]
            [GymData(GymTask.HelpfulHarmless)]
            public partial class Dpo;
            """;
        var run = Generate.Run(source);
        Assert.Empty(Real(run));
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Contains("using var policy = run.LoadPretrained(PretrainedFolder);", run.Files.Single(f => f.HintName == "Tests.Sft.g.cs").Text);
        var child = run.Files.Single(f => f.HintName == "Tests.Dpo.g.cs").Text;
        Assert.Contains("using var policy = run.LoadPolicy(\"sft\");", child);
        Assert.Contains("PreferenceData.Tokenize(policy.Render(pairs.Train), policy.Tokenizer, MaxLength)", child);
    }

    [Fact]
    public void A_gym_policy_s_loop_does_not_render()
    {
        var run = Generate.Run(One("[Policy(Layers = 2)]"));
        Assert.Empty(Real(run));
        Assert.DoesNotContain("policy.Render(", run.Files.Single(f => f.HintName == "Tests.One.g.cs").Text);
    }

    [Fact]
    public void ALIGN073_pretrained_with_InitFrom()
    {
        var source = One("[Policy(InitFrom = typeof(Sft), Pretrained = \"models/m\")]") + "\n" + Sft;
        NotGenerated(Reported(source, "ALIGN073", Error, ("Pretrained = \"models/m\"", "\"models/m\"")), "Tests", "One");
    }

    [Fact]
    public void ALIGN074_pretrained_with_a_size()
    {
        var source = One("[Policy(Pretrained = \"models/m\", Layers = 2, Context = 64)]");
        NotGenerated(Reported(source, "ALIGN074", Error, ("Layers = 2", "2"), ("Context = 64", "64")), "Tests", "One");
    }

    [Theory]
    [InlineData("")]
    [InlineData("/abs/model")]
    [InlineData("../outside")]
    public void ALIGN075_pretrained_path_must_be_relative_and_inside(string path)
    {
        var source = One($"[Policy(Pretrained = \"{path}\")]");
        var run = Reported(source, "ALIGN075", Error, ($"Pretrained = \"{path}\"", $"\"{path}\""));
        NotGenerated(run, "Tests", "One");
    }

    [Theory]
    [InlineData("[Policy(Pretrained = \"models/m\", ChatTemplate = \" \")]", "is empty")]
    [InlineData("[Policy(ChatTemplate = AlignDsl.Chat.ChatTemplates.ChatMl)]", "without Pretrained")]
    public void ALIGN076_chat_template_empty_or_without_a_pretrained_model(string policy, string why)
    {
        var run = Generate.Run(One(policy));
        var diagnostic = Assert.Single(Real(run));
        Assert.Equal("ALIGN076", diagnostic.Id);
        Assert.Contains(why, diagnostic.GetMessage());
        Assert.Contains("ChatTemplates.ChatMl", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("{% for m in messages %}{{ m.content | shout }}{% endfor %}", "unsupported filter 'shout'", "line 1, column 37")]
    [InlineData("{% for m in messages %}{{ m.content }}{% endfo %}", "unsupported statement", "column 42")]
    [InlineData("{{ raise_exception('Conversation roles must alternate system/user') }}", "rejects a plain user/assistant conversation", "roles must alternate")]
    [InlineData("{% for m in messages %}{% if m.role == 'user' %}{{ m.content }}{% endif %}{% endfor %}", "does not write the assistant's answer", "")]
    [InlineData("{{ messages | length }}{% for m in messages %}{{ m.content }}{% endfor %}", "cannot be cut", "")]
    public void ALIGN076_a_declared_template_is_parsed_and_tried_on_a_plain_conversation(string template, string why, string detail)
    {
        var source = One($"[Policy(Pretrained = \"models/m\", ChatTemplate = Template)]") + $$""""

            public partial class One { public const string Template = """{{template}}"""; }
            """";
        var run = Generate.Run(source);
        var diagnostic = Assert.Single(Real(run));
        Assert.Equal("ALIGN076", diagnostic.Id);
        Assert.Contains(why, diagnostic.GetMessage());
        Assert.Contains(detail, diagnostic.GetMessage());
        Assert.Contains("ChatTemplates.ChatMl", diagnostic.GetMessage());
        Assert.Equal("Template", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Theory]
    [InlineData("ChatMl")]
    [InlineData("Qwen2")]
    [InlineData("Llama3")]
    [InlineData("Zephyr")]
    [InlineData("Gemma")]
    [InlineData("Gym")]
    public void Every_built_in_template_passes_the_compile_time_trial(string name)
    {
        Assert.Empty(Real(Generate.Run(One($"[Policy(Pretrained = \"models/m\", ChatTemplate = AlignDsl.Chat.ChatTemplates.{name})]"))));
    }

    [Fact]
    public void ALIGN077_lora_settings_out_of_range()
    {
        var source = One("[Policy(Pretrained = \"models/m\")]\n[Lora(Rank = 0, Alpha = -1, Dropout = 1)]");
        NotGenerated(Reported(source, "ALIGN077", Error, ("Rank = 0", "0"), ("Alpha = -1", "-1"), ("Dropout = 1", "1")), "Tests", "One");
    }

    [Theory]
    [InlineData("")]
    [InlineData("q_proj,,v_proj")]
    [InlineData("q proj")]
    public void ALIGN078_lora_targets_must_list_module_names(string targets)
    {
        var source = One($"[Policy(Pretrained = \"models/m\")]\n[Lora(Targets = \"{targets}\")]");
        NotGenerated(Reported(source, "ALIGN078", Error, ($"Targets = \"{targets}\"", $"\"{targets}\"")), "Tests", "One");
    }

    [Fact]
    public void ALIGN079_lora_target_the_tiny_gpt_lacks_also_through_InitFrom()
    {
        var source = One("[Policy(InitFrom = typeof(Sft))]\n[Lora(Targets = \"c_attn,q_proj\")]") + "\n" + Sft;
        var run = Reported(source, "ALIGN079", Error, ("Targets = \"c_attn,q_proj\"", "\"c_attn,q_proj\""));
        Assert.Contains("'q_proj'", Real(run).Single().GetMessage());
        NotGenerated(run, "Tests", "One");
        Assert.Empty(Real(Generate.Run(One("[Policy(InitFrom = typeof(Sft))]\n[Lora(Targets = \"c_attn,c_proj\")]") + "\n" + Sft)));
    }

    [Fact]
    public void With_lora_ppo_s_reference_is_the_policy_with_its_adapters_off()
    {
        var text = GeneratedCleanly(One("[Policy(Pretrained = \"models/m\")]\n[Lora(Rank = 4, Alpha = 8)]", "[Ppo]\n[RewardFunction(typeof(global::Tests.Brevity))]") + Brevity);
        Assert.DoesNotContain("FrozenCopy", text);
        Assert.DoesNotContain("Policy reference", text);
        Assert.Contains("global::AlignDsl.Models.BaseModelReference.TokenLogProbs(policy, rollout.Batch)", text);
        Assert.Contains("new global::AlignDsl.Models.BaseModelReference(policy)", text);
        Assert.Contains("ResidentModels: [new(\"policy\", Trainable: true, PolicySize.Parameters), new(\"value model\"", text);
        Assert.DoesNotContain("new(\"reference\"", text);
    }

    [Fact]
    public void A_reward_model_on_a_pretrained_body_reads_its_pairs_through_the_template_and_trains_adapters_and_head()
    {
        var text = GeneratedCleanly(One("[Policy(Pretrained = \"models/m\", ChatTemplate = AlignDsl.Chat.ChatTemplates.ChatMl)]\n[Lora(Rank = 4, Alpha = 8)]",
            "[RewardModel]\n[EvalSuite(typeof(RewardModelBias))]"));
        Assert.Contains("using var rewardModel = run.LoadPretrainedRewardModel(PretrainedFolder, ChatTemplate);", text);
        Assert.Contains("run.AddLora(rewardModel, LoraRank, LoraAlpha, LoraDropout, LoraTargets);", text);
        Assert.Contains("global::AlignDsl.Data.PreferenceData.Tokenize(rewardModel.Render(pairs.Train), rewardModel.Tokenizer, MaxLength)", text);
        Assert.Contains("global::AlignDsl.Data.PreferenceData.Tokenize(rewardModel.Render(pairs.HeldOut), rewardModel.Tokenizer, MaxLength)", text);
        Assert.DoesNotContain("NewRewardModel", text);
    }

    [Fact]
    public void A_reward_model_whose_chain_starts_from_a_pretrained_model_renders_its_pairs()
    {
        var source = One("[Policy(InitFrom = typeof(Sft))]", "[RewardModel]\n[EvalSuite(typeof(RewardModelBias))]") + """

            [Experiment("sft")]
            [Sft]
            [Policy(Pretrained = "models/m")]
            [GymData(GymTask.HelpfulHarmless)]
            public partial class Sft;
            """;
        var text = GeneratedCleanly(source);
        Assert.Contains("using var rewardModel = run.LoadRewardModelBody(\"sft\");", text);
        Assert.Contains("rewardModel.Render(pairs.Train)", text);
    }

    [Fact]
    public void A_reward_model_on_the_tiny_gpt_is_unchanged_and_can_take_lora()
    {
        var text = GeneratedCleanly(One("[Lora(Rank = 2, Alpha = 4, Targets = \"c_attn\")]", "[RewardModel]\n[EvalSuite(typeof(RewardModelBias))]"));
        Assert.Contains("run.NewRewardModel(PolicySize,", text);
        Assert.Contains("run.AddLora(rewardModel, LoraRank, LoraAlpha, LoraDropout, LoraTargets);", text);
        Assert.Contains("PreferenceData.Tokenize(pairs.Train, rewardModel.Tokenizer, MaxLength)", text);
    }

    [Theory]
    [InlineData("[Dpo]", "var (referenceChosen, referenceRejected) = reference.For(batch).SplitPairs();")]
    [InlineData("[Kto]", "var (referenceMatched, referenceMismatched) = reference.For(batch).SplitPairs();")]
    public void With_lora_the_reference_is_the_policy_with_its_adapters_off(string objective, string referenceStep)
    {
        var text = GeneratedCleanly(One("[Policy(Pretrained = \"models/m\")]\n[Lora(Rank = 4, Alpha = 8, Targets = \"q_proj,v_proj\")]", objective));
        Assert.Contains("private const int LoraRank = 4;", text);
        Assert.Contains("private const string LoraTargets = \"q_proj,v_proj\";", text);
        Assert.Contains("run.AddLora(policy, LoraRank, LoraAlpha, LoraDropout, LoraTargets);", text);
        Assert.Contains("var reference = new global::AlignDsl.Models.BaseModelReference(policy);", text);
        Assert.Contains(referenceStep, text);
        Assert.DoesNotContain("FrozenCopy", text);
        Assert.Contains("ResidentModels: [new(\"policy\", Trainable: true, PolicySize.Parameters)]", text);
    }

    [Fact]
    public void The_builder_declares_a_pretrained_policy_its_template_and_lora_as_the_attributes_do()
    {
        var fluent = Generate.Usings + """
            namespace Tests;

            [Experiment("one")]
            public partial class One
            {
                static void Configure(ExperimentBuilder x) => x
                    .Policy(p => p.Pretrained("models/m").ChatTemplate(AlignDsl.Chat.ChatTemplates.ChatMl))
                    .Lora(l => l.Adapters(rank: 4, alpha: 8, targets: "q_proj,v_proj"))
                    .Objective(o => o.Dpo())
                    .Data(d => d.Gym(GymTask.HelpfulHarmless));
            }
            """;
        var attributes = One("[Policy(Pretrained = \"models/m\", ChatTemplate = AlignDsl.Chat.ChatTemplates.ChatMl)]\n[Lora(Rank = 4, Alpha = 8, Targets = \"q_proj,v_proj\")]");
        var (byBuilder, byAttributes) = (Generate.Run(fluent), Generate.Run(attributes));
        Assert.Empty(Real(byBuilder));
        Assert.Empty(byBuilder.CompilationDiagnostics);
        string Loop(GeneratorRun run) => run.Files.Single(f => f.HintName == "Tests.One.g.cs").Text.Split("public static async")[1];
        Assert.Equal(Loop(byAttributes), Loop(byBuilder));
        Assert.Contains("run.LoadPretrained(PretrainedFolder, ChatTemplate)", Loop(byBuilder));
        Assert.Contains("run.AddLora(policy, LoraRank, LoraAlpha, LoraDropout, LoraTargets);", Loop(byBuilder));
    }

    [Fact]
    public void The_builder_s_lora_is_checked_at_its_value()
    {
        var fluent = Generate.Usings + """
            namespace Tests;

            [Experiment("one")]
            public partial class One
            {
                static void Configure(ExperimentBuilder x) => x
                    .Policy(p => p.Pretrained("models/m"))
                    .Lora(l => l.Adapters(rank: 0))
                    .Objective(o => o.Dpo())
                    .Data(d => d.Gym(GymTask.HelpfulHarmless));
            }
            """;
        NotGenerated(Reported(fluent, "ALIGN077", Error, ("rank: 0", "0")), "Tests", "One");
    }
}
