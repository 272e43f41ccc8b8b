using System.Text.Json.Nodes;

namespace AlignDsl.Models.Architectures;

/// <summary>A GPT-2 (<c>GPT2LMHeadModel</c>): learned positions, pre-LN blocks, a 4× (or <c>n_inner</c>) MLP.</summary>
public sealed record Gpt2Config(
    int Layers, int ModelDim, int Heads, int Context, int VocabularySize,
    int InnerDim, string Activation, double Epsilon, bool TiedEmbeddings)
{
    /// <summary>The gym's tiny GPT: exact GELU, LayerNorm ε 1e-5, output tied to the token embedding.</summary>
    public static Gpt2Config Gym(ModelConfig size) =>
        new(size.Layers, size.ModelDim, size.Heads, size.Context, size.VocabularySize, 4 * size.ModelDim, "gelu", 1e-5, TiedEmbeddings: true);

    public ModelConfig Size => new(Layers, ModelDim, Heads, Context, VocabularySize);

    /// <summary>Reads a GPT-2 <c>config.json</c>; a setting this implementation would compute differently is an error naming its field.</summary>
    public static Gpt2Config From(HfConfig c)
    {
        c.Require("add_cross_attention", false);
        c.Require("scale_attn_weights", true);
        c.Require("scale_attn_by_inverse_layer_idx", false);
        var dim = c.Int("n_embd");
        var activation = c.String("activation_function", "gelu_new");
        if (!Gpt2.Activations.Contains(activation))
            throw c.Unsupported("activation_function", activation, $"supported: {string.Join(", ", Gpt2.Activations)}");
        return new(c.Int("n_layer"), dim, c.Int("n_head"), c.Int("n_positions"), c.Int("vocab_size"),
            c.OptionalInt("n_inner") ?? 4 * dim, activation, c.Double("layer_norm_epsilon", 1e-5), c.Bool("tie_word_embeddings", true));
    }

    public JsonObject ToJson(string architecture) => new()
    {
        ["architectures"] = new JsonArray(architecture),
        ["model_type"] = "gpt2",
        ["vocab_size"] = VocabularySize,
        ["n_positions"] = Context,
        ["n_ctx"] = Context,
        ["n_embd"] = ModelDim,
        ["n_layer"] = Layers,
        ["n_head"] = Heads,
        ["n_inner"] = InnerDim,
        ["activation_function"] = Activation,
        ["layer_norm_epsilon"] = Epsilon,
        ["tie_word_embeddings"] = TiedEmbeddings,
        ["resid_pdrop"] = 0.0,
        ["embd_pdrop"] = 0.0,
        ["attn_pdrop"] = 0.0,
        ["torch_dtype"] = "float32",
    };
}
