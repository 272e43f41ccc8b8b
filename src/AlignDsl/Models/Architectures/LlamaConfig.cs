using System.Text.Json.Nodes;

namespace AlignDsl.Models.Architectures;

/// <summary>
/// A Llama-family decoder (<c>LlamaForCausalLM</c>, <c>MistralForCausalLM</c>, <c>Qwen2ForCausalLM</c>): RMSNorm, rotary
/// embeddings, grouped-query attention and a SwiGLU MLP. The families differ only in which projections carry biases
/// and in defaults.
/// </summary>
public sealed record LlamaConfig(
    string Architecture, string ModelType,
    int Layers, int ModelDim, int Heads, int KeyValueHeads, int HeadDim, int InnerDim, int Context, int VocabularySize,
    double RmsEpsilon, double RopeTheta, bool TiedEmbeddings, bool QkvBias, bool OutputBias, bool MlpBias)
{
    public ModelConfig Size => new(Layers, ModelDim, Heads, Context, VocabularySize);

    public static readonly IReadOnlyList<string> Architectures = ["LlamaForCausalLM", "MistralForCausalLM", "Qwen2ForCausalLM"];

    /// <summary>Reads a Llama, Mistral or Qwen2 <c>config.json</c>; a setting computed differently here is an error naming its field.</summary>
    public static LlamaConfig From(HfConfig c, string architecture)
    {
        var family = architecture.Replace("ForCausalLM", "").Replace("ForSequenceClassification", "");
        c.RequireAbsent("rope_scaling", "rotary scaling (linear, dynamic, YaRN, Llama 3) is not implemented; only plain RoPE with rope_theta");
        var activation = c.String("hidden_act", "silu");
        if (activation != "silu") throw c.Unsupported("hidden_act", activation, "the SwiGLU MLP here uses silu");
        if (c.Double("partial_rotary_factor", 1.0) != 1.0) throw c.Unsupported("partial_rotary_factor", c.Double("partial_rotary_factor", 1.0).ToString(System.Globalization.CultureInfo.InvariantCulture), "rotary embeddings cover the whole head here");
        var dim = c.Int("hidden_size");
        var heads = c.Int("num_attention_heads");
        var kvHeads = c.Int("num_key_value_heads", heads);
        if (kvHeads <= 0 || heads % kvHeads != 0)
            throw c.Unsupported("num_key_value_heads", kvHeads.ToString(System.Globalization.CultureInfo.InvariantCulture), $"it must divide num_attention_heads ({heads})");
        var context = c.Int("max_position_embeddings");
        // A sliding window no sequence can exceed changes nothing: the context is capped at the window so it never applies.
        var window = family switch
        {
            "Mistral" => c.OptionalInt("sliding_window"),
            "Qwen2" when c.Bool("use_sliding_window", false) => c.OptionalInt("sliding_window"),
            _ => null,
        };
        if (family == "Qwen2" && c.Bool("use_sliding_window", false) && c.Int("max_window_layers", 0) < c.Int("num_hidden_layers"))
            throw c.Unsupported("use_sliding_window", "true", "sliding-window attention is not implemented; set it to false");
        if (window is { } w && w < context) context = w;
        var qwen = family == "Qwen2";
        return new(architecture, family.ToLowerInvariant(),
            c.Int("num_hidden_layers"), dim, heads, kvHeads, c.Int("head_dim", dim / heads),
            c.Int("intermediate_size"), context, c.Int("vocab_size"),
            c.Double("rms_norm_eps", 1e-6), c.Double("rope_theta", 10000.0), c.Bool("tie_word_embeddings", false),
            QkvBias: qwen || c.Bool("attention_bias", false), OutputBias: !qwen && c.Bool("attention_bias", false), MlpBias: c.Bool("mlp_bias", false));
    }

    public JsonObject ToJson(string architecture)
    {
        var json = new JsonObject
        {
            ["architectures"] = new JsonArray(architecture),
            ["model_type"] = ModelType,
            ["vocab_size"] = VocabularySize,
            ["hidden_size"] = ModelDim,
            ["intermediate_size"] = InnerDim,
            ["num_hidden_layers"] = Layers,
            ["num_attention_heads"] = Heads,
            ["num_key_value_heads"] = KeyValueHeads,
            ["head_dim"] = HeadDim,
            ["max_position_embeddings"] = Context,
            ["rms_norm_eps"] = RmsEpsilon,
            ["rope_theta"] = RopeTheta,
            ["hidden_act"] = "silu",
            ["tie_word_embeddings"] = TiedEmbeddings,
            ["torch_dtype"] = "float32",
        };
        if (ModelType == "llama")
        {
            json["attention_bias"] = QkvBias;
            json["mlp_bias"] = MlpBias;
        }
        if (ModelType == "mistral") json["sliding_window"] = null;
        if (ModelType == "qwen2") json["use_sliding_window"] = false;
        return json;
    }
}
