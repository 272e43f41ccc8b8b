using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Models.Pretrained;

/// <summary>A tiny random checkpoint in the Hugging Face layout, and the weights it holds (as float64, after rounding to the stored dtype).</summary>
internal sealed record HfFixture(string Directory, JsonObject Config, Dictionary<string, Tensor> Weights);

/// <summary>
/// Writes tiny random Llama-, Qwen2-, Mistral- and GPT-2-architecture checkpoints (config.json + safetensors) as
/// Hugging Face's <c>save_pretrained</c> lays them out: fp32, bf16 or fp16 on disk, in one file or two shards.
/// </summary>
internal static class HfFixtures
{
    public const int Vocabulary = 37, Width = 16, Context = 24, Layers = 2;

    /// <param name="family">"llama", "qwen2" or "mistral".</param>
    public static HfFixture Llama(string directory, string family, ScalarType dtype, bool tied, int kvHeads = 2, bool shards = false,
        Action<JsonObject>? edit = null, int seed = 1)
    {
        const int heads = 4, headDim = 4, inner = 24;
        var config = new JsonObject
        {
            ["architectures"] = new JsonArray(family switch { "qwen2" => "Qwen2ForCausalLM", "mistral" => "MistralForCausalLM", _ => "LlamaForCausalLM" }),
            ["model_type"] = family,
            ["vocab_size"] = Vocabulary,
            ["hidden_size"] = Width,
            ["intermediate_size"] = inner,
            ["num_hidden_layers"] = Layers,
            ["num_attention_heads"] = heads,
            ["num_key_value_heads"] = kvHeads,
            ["max_position_embeddings"] = Context,
            ["rms_norm_eps"] = 1e-5,
            ["rope_theta"] = 500.0,
            ["hidden_act"] = "silu",
            ["tie_word_embeddings"] = tied,
            ["torch_dtype"] = dtype == ScalarType.BFloat16 ? "bfloat16" : dtype == ScalarType.Float16 ? "float16" : "float32",
        };
        if (family == "mistral") config["sliding_window"] = 4096;
        edit?.Invoke(config);
        var generator = new Generator((ulong)seed);
        var weights = new List<(string, Tensor)> { ("model.embed_tokens.weight", Random([Vocabulary, Width], generator)) };
        for (var l = 0; l < Layers; l++)
        {
            var p = $"model.layers.{l}.";
            weights.Add((p + "input_layernorm.weight", Norm(generator)));
            weights.Add((p + "self_attn.q_proj.weight", Random([heads * headDim, Width], generator)));
            weights.Add((p + "self_attn.k_proj.weight", Random([kvHeads * headDim, Width], generator)));
            weights.Add((p + "self_attn.v_proj.weight", Random([kvHeads * headDim, Width], generator)));
            if (family == "qwen2")
            {
                weights.Add((p + "self_attn.q_proj.bias", Random([heads * headDim], generator)));
                weights.Add((p + "self_attn.k_proj.bias", Random([kvHeads * headDim], generator)));
                weights.Add((p + "self_attn.v_proj.bias", Random([kvHeads * headDim], generator)));
            }
            weights.Add((p + "self_attn.o_proj.weight", Random([Width, heads * headDim], generator)));
            weights.Add((p + "post_attention_layernorm.weight", Norm(generator)));
            weights.Add((p + "mlp.gate_proj.weight", Random([inner, Width], generator)));
            weights.Add((p + "mlp.up_proj.weight", Random([inner, Width], generator)));
            weights.Add((p + "mlp.down_proj.weight", Random([Width, inner], generator)));
        }
        weights.Add(("model.norm.weight", Norm(generator)));
        if (!tied) weights.Add(("lm_head.weight", Random([Vocabulary, Width], generator)));
        return Save(directory, config, weights, dtype, shards);
    }

    public static HfFixture Gpt2(string directory, ScalarType dtype, bool tied = true, string activation = "gelu_new", Action<JsonObject>? edit = null, int seed = 2)
    {
        var config = new JsonObject
        {
            ["architectures"] = new JsonArray("GPT2LMHeadModel"),
            ["model_type"] = "gpt2",
            ["vocab_size"] = Vocabulary,
            ["n_positions"] = Context,
            ["n_embd"] = Width,
            ["n_layer"] = Layers,
            ["n_head"] = 4,
            ["n_inner"] = null,
            ["activation_function"] = activation,
            ["layer_norm_epsilon"] = 1e-5,
            ["tie_word_embeddings"] = tied,
        };
        edit?.Invoke(config);
        var generator = new Generator((ulong)seed);
        var weights = new List<(string, Tensor)>
        {
            ("transformer.wte.weight", Random([Vocabulary, Width], generator)),
            ("transformer.wpe.weight", Random([Context, Width], generator)),
        };
        for (var l = 0; l < Layers; l++)
        {
            var p = $"transformer.h.{l}.";
            weights.Add((p + "ln_1.weight", Norm(generator)));
            weights.Add((p + "ln_1.bias", Random([Width], generator)));
            // Conv1D stores [in, out].
            weights.Add((p + "attn.c_attn.weight", Random([Width, 3 * Width], generator)));
            weights.Add((p + "attn.c_attn.bias", Random([3 * Width], generator)));
            weights.Add((p + "attn.c_proj.weight", Random([Width, Width], generator)));
            weights.Add((p + "attn.c_proj.bias", Random([Width], generator)));
            weights.Add((p + "ln_2.weight", Norm(generator)));
            weights.Add((p + "ln_2.bias", Random([Width], generator)));
            weights.Add((p + "mlp.c_fc.weight", Random([Width, 4 * Width], generator)));
            weights.Add((p + "mlp.c_fc.bias", Random([4 * Width], generator)));
            weights.Add((p + "mlp.c_proj.weight", Random([4 * Width, Width], generator)));
            weights.Add((p + "mlp.c_proj.bias", Random([Width], generator)));
            // Older GPT-2 files carry each layer's causal mask as a tensor; loaders skip it.
            weights.Add((p + "attn.bias", tril(ones(Context, Context)).view(1, 1, Context, Context)));
        }
        weights.Add(("transformer.ln_f.weight", Norm(generator)));
        weights.Add(("transformer.ln_f.bias", Random([Width], generator)));
        if (!tied) weights.Add(("lm_head.weight", Random([Vocabulary, Width], generator)));
        return Save(directory, config, weights, dtype, shards: false);
    }

    private static Tensor Random(long[] shape, Generator generator) => randn(shape, generator: generator) * 0.4;

    private static Tensor Norm(Generator generator) => 1.0 + 0.2 * randn([Width], generator: generator);

    private static HfFixture Save(string directory, JsonObject config, List<(string Name, Tensor Tensor)> weights, ScalarType dtype, bool shards)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "config.json"), config.ToJsonString());
        var stored = weights.Select(w => (w.Name, Tensor: w.Tensor.to_type(dtype))).ToList();
        if (!shards)
            RawSafetensors.Write(Path.Combine(directory, "model.safetensors"), stored);
        else
        {
            var files = new[] { "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors" };
            var half = stored.Count / 2;
            RawSafetensors.Write(Path.Combine(directory, files[0]), stored.Take(half));
            RawSafetensors.Write(Path.Combine(directory, files[1]), stored.Skip(half));
            var map = new JsonObject(stored.Select((w, i) => KeyValuePair.Create(w.Name, (JsonNode?)files[i < half ? 0 : 1])));
            File.WriteAllText(Path.Combine(directory, "model.safetensors.index.json"), new JsonObject { ["metadata"] = new JsonObject(), ["weight_map"] = map }.ToJsonString());
        }
        return new HfFixture(directory, config, stored.ToDictionary(w => w.Name, w => w.Tensor.to_type(ScalarType.Float64)));
    }
}
