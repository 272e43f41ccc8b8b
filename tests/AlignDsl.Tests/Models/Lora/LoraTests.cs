using System.Text.Json.Nodes;
using AlignDsl.Models;
using AlignDsl.Models.Architectures;
using AlignDsl.Models.Lora;
using AlignDsl.Tests.Models.Pretrained;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Models.Lora;

/// <summary>
/// LoRA adapters start as the base model, compute W + (α/r)·B·A as an independent forward pass with those weights does,
/// switch off to the base, save in PEFT's layout, load back, and merge into a full checkpoint that scores the same.
/// </summary>
public sealed class LoraTests : IDisposable
{
    private static readonly int[] Ids = [3, 17, 0, 36, 5, 11, 29];
    private static readonly LoraSettings Settings = new(Rank: 2, Alpha: 6, Dropout: 0.1, Targets: ["q_proj", "v_proj", "down_proj"]);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "aligndsl-lora-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private HfFixture Llama() => HfFixtures.Llama(Path.Combine(_root, "base"), "llama", ScalarType.Float32, tied: false, kvHeads: 2);

    private static Tensor Logits(CausalLM model) => PretrainedLoadingTests.Logits(model, Ids);

    private static Tensor LlamaReference(Dictionary<string, Tensor> weights) =>
        ReferenceForward.Llama(weights, Ids, heads: 4, kvHeads: 2, headDim: 4, theta: 500, eps: 1e-5, tied: false);

    /// <summary>Adapters far from their zero start, as after training.</summary>
    private static void Train(CausalLM model)
    {
        using var _ = no_grad();
        foreach (var (_, adapter) in LoraAdapters.Of(model)) adapter.B.weight!.copy_(randn_like(adapter.B.weight!) * 0.5);
    }

    [Fact]
    public void Adapters_start_as_the_base_model_and_only_they_train()
    {
        var fixture = Llama();
        using var model = PretrainedModels.Load(fixture.Directory);
        var before = Logits(model);

        var adapted = LoraAdapters.Apply(model, Settings);

        Assert.Equal(3 * HfFixtures.Layers, adapted.Count);
        Assert.Contains("model.layers.1.mlp.down_proj", adapted);
        Assert.True(before.allclose(Logits(model), atol: 1e-6));
        var trainable = model.named_parameters().Where(p => p.parameter.requires_grad).Select(p => p.name).ToList();
        Assert.Equal(2 * adapted.Count, trainable.Count);
        Assert.All(trainable, name => Assert.Matches(@"\.lora_[AB]\.weight$", name));
    }

    [Fact]
    public void Adapted_logits_equal_a_reference_with_merged_weights_and_switch_off_to_the_base()
    {
        var fixture = Llama();
        using var model = PretrainedModels.Load(fixture.Directory);
        LoraAdapters.Apply(model, Settings);
        Train(model);
        var adapterDirectory = Path.Combine(_root, "adapter");
        LoraAdapters.Save(model, adapterDirectory, baseModel: fixture.Directory);

        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(adapterDirectory, "adapter_config.json")))!;
        Assert.Equal("LORA", config["peft_type"]!.GetValue<string>());
        Assert.Equal(2, config["r"]!.GetValue<int>());
        Assert.Equal(6.0, config["lora_alpha"]!.GetValue<double>());
        var saved = RawSafetensors.ReadFloat32(Path.Combine(adapterDirectory, "adapter_model.safetensors"));
        Assert.Equal(6 * HfFixtures.Layers, saved.Count);
        const string q = "base_model.model.model.layers.0.self_attn.q_proj";
        Assert.Equal([2, HfFixtures.Width], saved[q + ".lora_A.weight"].shape);
        Assert.Equal([16, 2], saved[q + ".lora_B.weight"].shape);

        // The reference adds (α/r)·B·A from the saved file to each targeted weight.
        var merged = new Dictionary<string, Tensor>(fixture.Weights);
        foreach (var a in saved.Keys.Where(k => k.EndsWith(".lora_A.weight")))
        {
            var module = a["base_model.model.".Length..^".lora_A.weight".Length];
            merged[module + ".weight"] = merged[module + ".weight"] + 3.0 * saved[module.Insert(0, "base_model.model.") + ".lora_B.weight"].matmul(saved[a]);
        }
        PretrainedLoadingTests.AssertClose(LlamaReference(merged), Logits(model));
        using (LoraAdapters.Disabled(model)) PretrainedLoadingTests.AssertClose(LlamaReference(fixture.Weights), Logits(model));
        PretrainedLoadingTests.AssertClose(LlamaReference(merged), Logits(model));
    }

    [Fact]
    public void Saved_adapters_load_onto_the_base_and_merge_into_a_checkpoint_that_scores_the_same()
    {
        var fixture = Llama();
        using var model = PretrainedModels.Load(fixture.Directory);
        LoraAdapters.Apply(model, Settings);
        Train(model);
        var adapted = Logits(model);
        var adapterDirectory = Path.Combine(_root, "adapter");
        LoraAdapters.Save(model, adapterDirectory);

        using var reloaded = PretrainedModels.Load(fixture.Directory);
        var settings = LoraAdapters.Load(reloaded, adapterDirectory);
        Assert.Equal(Settings.Targets, settings.Targets);
        Assert.True(adapted.allclose(Logits(reloaded), atol: 1e-6));

        LoraAdapters.Merge(reloaded);
        var mergedDirectory = Path.Combine(_root, "merged");
        using (var policy = new Policy(reloaded, new AlignDsl.Tokenization.CompactTokenizer([1]), CPU)) policy.Save(mergedDirectory);
        using var merged = PretrainedModels.Load(mergedDirectory);
        Assert.True(adapted.allclose(Logits(merged), atol: 1e-5));
        var scores = TokenScores.Of(merged, Ids);
        var expected = nn.functional.log_softmax(adapted, 1);
        for (var t = 1; t < Ids.Length; t++) Assert.Equal(expected[t - 1, Ids[t]].item<double>(), scores.LogProbs[t]!.Value, 1e-5);
    }

    [Fact]
    public void Gpt2_adapters_follow_the_Conv1D_layout()
    {
        var fixture = HfFixtures.Gpt2(Path.Combine(_root, "gpt2"), ScalarType.Float32);
        using var model = PretrainedModels.Load(fixture.Directory);
        LoraAdapters.Apply(model, new LoraSettings(2, 4, 0, ["c_attn"]));
        Train(model);
        var adapted = Logits(model);

        var weights = new Dictionary<string, Tensor>(fixture.Weights);
        foreach (var (name, adapter) in LoraAdapters.Of(model))
            weights[name + ".weight"] = weights[name + ".weight"] + adapter.WeightDelta().detach().t().to_type(ScalarType.Float64);
        PretrainedLoadingTests.AssertClose(ReferenceForward.Gpt2(weights, Ids, heads: 4, eps: 1e-5, exactGelu: false, tied: true), adapted);

        LoraAdapters.Merge(model);
        Assert.True(adapted.allclose(Logits(model), atol: 1e-5));
    }

    [Fact]
    public void A_target_the_architecture_lacks_is_an_error_naming_the_ones_it_has()
    {
        var fixture = HfFixtures.Gpt2(Path.Combine(_root, "gpt2"), ScalarType.Float32);
        using var model = PretrainedModels.Load(fixture.Directory);
        var error = Assert.Throws<ArgumentException>(() => LoraAdapters.Apply(model, new LoraSettings(4, 8, 0, ["q_proj"])));
        Assert.Contains("q_proj", error.Message);
        Assert.Contains("c_attn", error.Message);
        Assert.Throws<ArgumentException>(() => LoraAdapters.Apply(model, new LoraSettings(0, 8, 0, ["c_attn"])));
    }

    [Fact]
    public void A_model_with_adapters_is_not_copied_silently_without_them()
    {
        var fixture = HfFixtures.Gpt2(Path.Combine(_root, "gpt2"), ScalarType.Float32);
        using var model = PretrainedModels.Load(fixture.Directory);
        LoraAdapters.Apply(model, new LoraSettings(2, 4, 0, ["c_fc"]));
        var error = Assert.Throws<InvalidOperationException>(() => model.FrozenCopy());
        Assert.Contains("LoraAdapters.Disabled", error.Message);
    }
}
