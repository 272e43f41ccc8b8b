using System.Text.Json.Nodes;
using AlignDsl.Chat;
using AlignDsl.Data;
using AlignDsl.Models;
using AlignDsl.Models.Lora;
using AlignDsl.Models.SafeTensors;
using AlignDsl.Running;
using AlignDsl.Models.Architectures;
using AlignDsl.Tokenization;

namespace AlignDsl.Tests.EndToEnd;

/// <summary>Declared experiments train a pretrained model folder: loaded with its tokenizer, data rendered with the chat template, saved with both.</summary>
public sealed class PretrainedTests : IDisposable
{
    /// <summary>Relative to the working directory, as a user declares it.</summary>
    public const string Folder = "pretrained-fixture/tiny-llama";

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"aligndsl-pretrained-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static readonly object FixtureLock = new();
    private static bool _fixtureWritten;

    /// <summary>A random Llama with a byte-level BPE learned on the gym's texts, written once per test process.</summary>
    internal static void WriteFixture()
    {
        lock (FixtureLock)
        {
            if (_fixtureWritten) return;
            _fixtureWritten = true;
            var vocabulary = ByteLevelBpeTrainer.Write(Folder, Gym.Corpus(), maxMerges: 600);
            FreshModels.WriteLlama(Folder, vocabulary, layers: 2, modelDim: 64, heads: 4, kvHeads: 2, context: 96, seed: 3);
        }
    }

    private static IEnumerable<double> Losses(string run) =>
        File.ReadLines(Path.Combine(run, "metrics.jsonl")).Select(l => JsonNode.Parse(l)!).Where(n => n["loss"] is not null).Select(n => n["loss"]!.GetValue<double>());

    [Fact]
    public async Task Sft_then_dpo_train_a_pretrained_llama_with_its_chat_template_and_save_it_in_the_hugging_face_layout()
    {
        WriteFixture();
        var (exitCode, output, error) = await Host.RunAsync("run", "test-llama-dpo", "--out", _root, "--device", "cpu");
        Assert.True(exitCode == 0, $"{error}\n{output}");

        var sftRun = Host.Runs(_root, "test-llama-sft").Single();
        var losses = Losses(sftRun).ToList();
        // The NLL of the rendered assistant turns falls well below where the random model starts.
        Assert.True(losses[^1] < losses[0] * 0.75, string.Join(", ", losses));

        foreach (var run in new[] { sftRun, Host.Runs(_root, "test-llama-dpo").Single() })
        {
            var checkpoint = Path.Combine(run, "checkpoint");
            Assert.Equal("LlamaForCausalLM", JsonNode.Parse(File.ReadAllText(Path.Combine(checkpoint, "config.json")))!["architectures"]![0]!.GetValue<string>());
            Assert.True(File.Exists(Path.Combine(checkpoint, "vocab.json")) && File.Exists(Path.Combine(checkpoint, "merges.txt")));
            Assert.Equal(ChatTemplates.ChatMl, TokenizerConfig.Read(checkpoint).ChatTemplate);
            Assert.Null(Checkpoint.TryLoadTokenizer(checkpoint));
        }
        var dpoRun = Host.Runs(_root, "test-llama-dpo").Single();
        var dpo = Host.Summary(dpoRun);
        // LoRA: the reference is the policy's base, so one model is resident; the adapters are saved in PEFT's layout beside the merged model.
        Assert.Equal(["policy (trainable)"], dpo["resident_models"]!.AsArray().Select(m => m!.GetValue<string>()));
        var adapter = Path.Combine(dpoRun, "checkpoint", Checkpoint.AdapterFolder);
        Assert.Equal(["q_proj", "v_proj", "o_proj"], JsonNode.Parse(File.ReadAllText(Path.Combine(adapter, "adapter_config.json")))!["target_modules"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.True(File.Exists(Path.Combine(adapter, "adapter_model.safetensors")));
        Assert.Contains("LoRA: rank 8", output);
        // DPO from the SFT run ranks the rendered held-out pairs better than its start.
        Assert.True(dpo["eval"]!["after"]!["preference_accuracy"]!.GetValue<double>() > dpo["eval"]!["before"]!["preference_accuracy"]!.GetValue<double>() + 0.1,
            dpo["eval"]!.ToJsonString() + dpo["final_metrics"]!.ToJsonString());
    }

    [Fact]
    public async Task A_reward_model_trains_on_a_pretrained_llama_with_lora_in_bf16_and_saves_a_sequence_classifier()
    {
        WriteFixture();
        var (exitCode, output, error) = await Host.RunAsync("run", "test-llama-rm", "--out", _root, "--device", "cpu");
        Assert.True(exitCode == 0, $"{error}\n{output}");
        var run = Host.Runs(_root, "test-llama-rm").Single();
        var summary = Host.Summary(run);
        // The rendered held-out pairs are ranked better than by the fresh head.
        Assert.True(summary["eval"]!["after"]!["preference_accuracy"]!.GetValue<double>() > summary["eval"]!["before"]!["preference_accuracy"]!.GetValue<double>() + 0.3,
            summary["eval"]!.ToJsonString() + summary["final_metrics"]!.ToJsonString());
        Assert.Contains("LoRA: rank 8", output);

        var checkpoint = Path.Combine(run, "checkpoint");
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(checkpoint, "config.json")))!;
        Assert.Equal("LlamaForSequenceClassification", config["architectures"]![0]!.GetValue<string>());
        Assert.Equal("bfloat16", config["torch_dtype"]!.GetValue<string>());
        Assert.Equal(ChatTemplates.ChatMl, TokenizerConfig.Read(checkpoint).ChatTemplate);
        // PEFT's layout for a classifier: SEQ_CLS, the head saved whole beside the adapters.
        var adapter = Path.Combine(checkpoint, Checkpoint.AdapterFolder);
        var adapterConfig = JsonNode.Parse(File.ReadAllText(Path.Combine(adapter, "adapter_config.json")))!;
        Assert.Equal("SEQ_CLS", adapterConfig["task_type"]!.GetValue<string>());
        Assert.Equal(["score"], adapterConfig["modules_to_save"]!.AsArray().Select(m => m!.GetValue<string>()));
        using (var adapterFile = new SafeTensorsFile(Path.Combine(adapter, "adapter_model.safetensors")))
        {
            Assert.Contains("base_model.model.score.weight", adapterFile.Names);
            Assert.Contains("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight", adapterFile.Names);
        }
        using var reloaded = Checkpoint.LoadRewardModel(checkpoint, TorchSharp.torch.CPU);
        Assert.NotNull(reloaded.Chat);
    }

    [Fact]
    public void A_lora_reward_model_saves_merged_weights_that_score_as_the_adapted_model()
    {
        WriteFixture();
        using var run = new RunContext(TestLlamaSft.Descriptor, new RunOptions { OutputRoot = _root, Device = "cpu" });
        using var rewardModel = run.LoadPretrainedRewardModel(Folder, ChatTemplates.ChatMl);
        run.AddLora(rewardModel, 4, 8, 0, "q_proj,v_proj");
        // Only the adapters and the head train; the untied output projection is not among the trained weights.
        var trained = rewardModel.Parameters().Where(p => p.requires_grad).Sum(p => p.numel());
        Assert.Equal(LoraAdapters.Of(rewardModel.Body).Sum(a => a.Adapter.A.weight!.numel() + a.Adapter.B.weight!.numel()) + rewardModel.Config.ModelDim, trained);
        using (TorchSharp.torch.no_grad())
            foreach (var (_, a) in LoraAdapters.Of(rewardModel.Body)) a.B.weight!.normal_(0, 0.5);
        var pairs = PreferenceData.Tokenize(rewardModel.Render(new Gym(GymTask.HelpfulHarmless, 1).Pairs().HeldOut.Take(4).ToList()), rewardModel.Tokenizer, 64);
        var batch = new SequenceBatch(pairs.Pairs.SelectMany(p => new[] { p.Chosen, p.Rejected }).ToList());
        var adapted = rewardModel.Rewards(batch.ToDevice(rewardModel.Device)).data<float>().ToArray();
        rewardModel.Save(Path.Combine(_root, "rm"));
        using var reloaded = Checkpoint.LoadRewardModel(Path.Combine(_root, "rm"), TorchSharp.torch.CPU);
        var merged = reloaded.Rewards(batch.ToDevice(reloaded.Device)).data<float>().ToArray();
        Assert.Equal(adapted.Length, merged.Length);
        for (var i = 0; i < adapted.Length; i++) Assert.Equal(adapted[i], merged[i], 1e-4);
        Assert.True(adapted.Distinct().Count() > 1);
    }

    [Fact]
    public void A_pretrained_policy_takes_the_declared_precision()
    {
        WriteFixture();
        using var run = new RunContext(TestLlamaRewardModel.Descriptor, new RunOptions { OutputRoot = _root, Device = "cpu" });
        using var policy = run.LoadPretrained(Folder, ChatTemplates.ChatMl);
        Assert.Equal(TorchSharp.torch.ScalarType.BFloat16, policy.Model.DType);
    }

    [Fact]
    public void A_missing_folder_is_one_error_naming_its_full_path()
    {
        using var run = new RunContext(TestLlamaSft.Descriptor, new RunOptions { OutputRoot = _root, Device = "cpu" });
        var error = Assert.Throws<FileNotFoundException>(() => run.LoadPretrained("no-such/model"));
        Assert.Contains(Path.GetFullPath("no-such/model"), error.Message);
        Assert.Contains("Pretrained = \"no-such/model\"", error.Message);
    }

    [Fact]
    public void A_loaded_pretrained_policy_renders_gym_prompts_with_its_template_and_stops_at_its_end_of_sequence()
    {
        WriteFixture();
        using var run = new RunContext(TestLlamaSft.Descriptor, new RunOptions { OutputRoot = _root, Device = "cpu" });
        using var policy = run.LoadPretrained(Folder, ChatTemplates.ChatMl);
        var tokenizer = Assert.IsType<HfTokenizer>(policy.Tokenizer);
        Assert.Equal(tokenizer.SpecialTokens[ByteLevelBpeTrainer.EndOfText], policy.EndOfSequence);
        Assert.Equal("<|im_start|>user\nHow do I bake bread?<|im_end|>\n<|im_start|>assistant\n", policy.Chat!.Prompt("user: How do I bake bread?\nassistant:"));
        var pair = policy.Render([new PreferencePair("user: Hi\nassistant:", " Hello.", " Go away.")]).Single();
        Assert.Equal(("Hello.<|im_end|>\n", "Go away.<|im_end|>\n"), (pair.Chosen, pair.Rejected));
        // The special tokens are single tokens, the learned merges cover the gym's words, and text the merges do not cover still round-trips.
        Assert.Equal(tokenizer.SpecialTokens[ByteLevelBpeTrainer.ImStart], tokenizer.Encode(pair.Prompt)[0]);
        var corpus = Gym.Corpus().Take(200).ToList();
        Assert.True(corpus.Sum(t => tokenizer.Encode(t).Length) < 0.35 * corpus.Sum(t => System.Text.Encoding.UTF8.GetByteCount(t)));
        Assert.Equal("How do I bake bread? Ünïcode ✓", tokenizer.Decode(tokenizer.Encode("How do I bake bread? Ünïcode ✓")));
    }

    [Fact]
    public async Task Describe_shows_the_pretrained_architecture_its_size_the_template_and_lora()
    {
        WriteFixture();
        var sft = await Host.RunAsync("describe", "test-llama-sft");
        using var model = PretrainedModels.Load(Folder);
        var parameters = model.parameters().Sum(p => p.numel());
        Assert.Contains($"pretrained from {Folder}: LlamaForCausalLM, {parameters:N0} parameters", sft.Output);
        Assert.Contains("chat template ChatTemplates.ChatMl", sft.Output);
        var dpo = await Host.RunAsync("describe", "test-llama-dpo");
        Assert.Contains("LoRA          rank 8, α 16, dropout 0 on q_proj,v_proj,o_proj; only the adapters train, the reference is the base with them switched off", dpo.Output);
    }
}
