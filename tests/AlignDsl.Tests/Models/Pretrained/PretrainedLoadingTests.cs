using AlignDsl.Models;
using AlignDsl.Models.Architectures;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Models.Pretrained;

/// <summary>
/// Tiny random checkpoints in the Hugging Face layout load into models whose logits equal an independent reference
/// forward pass, whatever the dtype on disk, the sharding, the tying of embeddings or the grouping of heads.
/// </summary>
public sealed class PretrainedLoadingTests : IDisposable
{
    private static readonly int[] Ids = [3, 17, 0, 36, 5, 5, 11, 29];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "aligndsl-hf-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private string Folder(string name) => Path.Combine(_root, name);

    public static TheoryData<string, string, bool, int, bool> LlamaCases => new()
    {
        // family, dtype on disk, tied embeddings, key/value heads, sharded
        { "llama", "F32", false, 2, false },
        { "llama", "BF16", true, 1, true },
        { "qwen2", "BF16", true, 2, false },
        { "qwen2", "F32", false, 4, true },
        { "mistral", "F32", false, 2, true },
        { "mistral", "F16", true, 2, false },
    };

    [Theory]
    [MemberData(nameof(LlamaCases))]
    public void Llama_family_logits_equal_the_reference(string family, string dtype, bool tied, int kvHeads, bool shards)
    {
        var fixture = HfFixtures.Llama(Folder(family), family, DType(dtype), tied, kvHeads, shards);
        using var model = PretrainedModels.Load(fixture.Directory);
        Assert.IsType<Llama>(model);
        var expected = ReferenceForward.Llama(fixture.Weights, Ids, heads: 4, kvHeads, headDim: 4, theta: 500, eps: 1e-5, tied);

        var actual = Logits(model, Ids);

        AssertClose(expected, actual);
    }

    [Theory]
    [InlineData("F32", true, "gelu_new")]
    [InlineData("BF16", false, "gelu_new")]
    [InlineData("F32", true, "gelu")]
    public void Gpt2_logits_equal_the_reference(string dtype, bool tied, string activation)
    {
        var fixture = HfFixtures.Gpt2(Folder("gpt2"), DType(dtype), tied, activation);
        using var model = PretrainedModels.Load(fixture.Directory);
        Assert.IsType<Gpt2>(model);
        var expected = ReferenceForward.Gpt2(fixture.Weights, Ids, heads: 4, eps: 1e-5, exactGelu: activation == "gelu", tied);

        AssertClose(expected, Logits(model, Ids));
    }

    [Fact]
    public void Every_module_and_tensor_goes_by_its_Hugging_Face_name_alone()
    {
        var llama = HfFixtures.Llama(Folder("names"), "llama", ScalarType.Float32, tied: false);
        var gpt2 = HfFixtures.Gpt2(Folder("names-gpt2"), ScalarType.Float32, tied: false);
        using var llamaModel = PretrainedModels.Load(llama.Directory);
        using var gpt2Model = PretrainedModels.Load(gpt2.Directory);

        Assert.Equal(llama.Weights.Keys.Order(), llamaModel.state_dict().Keys.Order());
        Assert.Equal(gpt2.Weights.Keys.Where(k => !k.EndsWith(".attn.bias")).Order(), gpt2Model.state_dict().Keys.Order());
        Assert.Contains(llamaModel.named_modules(), m => m.name == "model.layers.1.self_attn.k_proj");
        Assert.All(llamaModel.named_modules().Concat(gpt2Model.named_modules()), m => Assert.DoesNotContain("k__BackingField", m.name));
    }

    [Fact]
    public void Cached_decoding_of_a_rotary_model_matches_the_full_pass()
    {
        var fixture = HfFixtures.Llama(Folder("cache"), "qwen2", ScalarType.Float32, tied: false, kvHeads: 2);
        using var model = PretrainedModels.Load(fixture.Directory);
        using var _ = no_grad();
        var ids = tensor(Ids.Select(i => (long)i).ToArray()).unsqueeze(0);
        var full = model.forward(ids)[0];
        using var cache = new KvCache(model.Config.Layers);
        var prefill = model.Forward(ids[.., ..5], cache)[0];
        var steps = Enumerable.Range(5, Ids.Length - 5).Select(t => model.Forward(ids[.., t..(t + 1)], cache)[0, 0]).ToArray();

        Assert.True(full[..5].allclose(prefill, atol: 1e-5));
        for (var i = 0; i < steps.Length; i++) Assert.True(full[5 + i].allclose(steps[i], atol: 1e-5), $"position {5 + i}");
    }

    [Fact]
    public void Reads_the_shape_from_config_json()
    {
        var fixture = HfFixtures.Llama(Folder("shape"), "mistral", ScalarType.Float32, tied: false, edit: c => c["sliding_window"] = 16);
        using var model = PretrainedModels.Load(fixture.Directory);
        // A window shorter than the context caps the context, so the window never applies.
        Assert.Equal(new ModelConfig(HfFixtures.Layers, HfFixtures.Width, 4, 16, HfFixtures.Vocabulary), model.Config);
        Assert.Equal("MistralForCausalLM", model.Architecture);
    }

    [Theory]
    [InlineData("rope_scaling", "{\"type\":\"linear\",\"factor\":2.0}")]
    [InlineData("hidden_act", "\"gelu\"")]
    [InlineData("architectures", "[\"FalconForCausalLM\"]")]
    [InlineData("partial_rotary_factor", "0.5")]
    [InlineData("num_key_value_heads", "3")]
    public void An_unsupported_llama_setting_is_an_error_naming_the_field(string field, string value)
    {
        var fixture = HfFixtures.Llama(Folder("bad"), "llama", ScalarType.Float32, tied: false,
            edit: c => c[field] = System.Text.Json.Nodes.JsonNode.Parse(value));
        var error = Assert.Throws<NotSupportedException>(() => PretrainedModels.Load(fixture.Directory));
        Assert.Contains($"'{field}'", error.Message);
    }

    [Fact]
    public void Sliding_window_attention_in_use_is_an_error_naming_the_field()
    {
        var fixture = HfFixtures.Llama(Folder("window"), "qwen2", ScalarType.Float32, tied: false, edit: c =>
        {
            c["use_sliding_window"] = true;
            c["sliding_window"] = 8;
            c["max_window_layers"] = 1;
        });
        var error = Assert.Throws<NotSupportedException>(() => PretrainedModels.Load(fixture.Directory));
        Assert.Contains("'use_sliding_window'", error.Message);
    }

    [Theory]
    [InlineData("activation_function", "\"relu\"")]
    [InlineData("scale_attn_by_inverse_layer_idx", "true")]
    [InlineData("n_embd", "null")]
    public void An_unsupported_gpt2_setting_is_an_error_naming_the_field(string field, string value)
    {
        var fixture = HfFixtures.Gpt2(Folder("bad-gpt2"), ScalarType.Float32, edit: c => c[field] = System.Text.Json.Nodes.JsonNode.Parse(value));
        var error = Assert.Throws<NotSupportedException>(() => PretrainedModels.Load(fixture.Directory));
        Assert.Contains($"'{field}'", error.Message);
    }

    [Fact]
    public void Weights_that_do_not_fit_the_config_are_an_error()
    {
        var fixture = HfFixtures.Llama(Folder("mismatch"), "llama", ScalarType.Float32, tied: false, edit: c => c["intermediate_size"] = 20);
        var error = Assert.Throws<InvalidDataException>(() => PretrainedModels.Load(fixture.Directory));
        Assert.Contains("gate_proj", error.Message);

        var untied = HfFixtures.Llama(Folder("missing"), "llama", ScalarType.Float32, tied: true, edit: c => c["tie_word_embeddings"] = false);
        Assert.Contains("lm_head.weight", Assert.Throws<InvalidDataException>(() => PretrainedModels.Load(untied.Directory)).Message);
    }

    internal static Tensor Logits(CausalLM model, int[] ids)
    {
        using var _ = no_grad();
        model.eval();
        return model.forward(tensor(ids.Select(i => (long)i).ToArray()).unsqueeze(0))[0].to_type(ScalarType.Float64);
    }

    internal static void AssertClose(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        var difference = (expected - actual).abs().max().item<double>();
        // Random weights of this scale give logits of order 1–10: a wrong layer would be off by far more.
        Assert.True(expected.abs().max().item<double>() > 0.5, "the fixture's logits are too small to test anything");
        Assert.True(difference < 1e-4, $"largest logit difference {difference:g3}");
    }

    private static ScalarType DType(string name) => name switch
    {
        "BF16" => ScalarType.BFloat16,
        "F16" => ScalarType.Float16,
        _ => ScalarType.Float32,
    };
}
