using System.Text.Json;
using System.Text.Json.Nodes;
using AlignDsl.Models.SafeTensors;
using static TorchSharp.torch;

namespace AlignDsl.Models.Architectures;

/// <summary>
/// Writes a randomly initialised model in the Hugging Face layout (<c>config.json</c> and <c>model.safetensors</c>), as
/// Hugging Face initialises one (weights ~ N(0, 0.02), norms at 1): a start for a model made here, since none can be
/// downloaded. Add a tokenizer beside it (e.g. <see cref="Tokenization.ByteLevelBpeTrainer"/>).
/// </summary>
public static class FreshModels
{
    /// <summary>A Llama of the given shape (tied embeddings, rotary θ 10,000); returns its parameter count.</summary>
    public static long WriteLlama(string folder, int vocabularySize, int layers, int modelDim, int heads, int kvHeads, int context, int seed = 0)
    {
        var config = new JsonObject
        {
            ["architectures"] = new JsonArray("LlamaForCausalLM"),
            ["model_type"] = "llama",
            ["vocab_size"] = vocabularySize,
            ["hidden_size"] = modelDim,
            ["intermediate_size"] = modelDim * 8 / 3 / 8 * 8,
            ["num_hidden_layers"] = layers,
            ["num_attention_heads"] = heads,
            ["num_key_value_heads"] = kvHeads,
            ["max_position_embeddings"] = context,
            ["rms_norm_eps"] = 1e-5,
            ["rope_theta"] = 10000.0,
            ["hidden_act"] = "silu",
            ["tie_word_embeddings"] = true,
            ["torch_dtype"] = "float32",
        };
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, HfConfig.FileName), config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        using var model = PretrainedModels.Build(HfConfig.Read(folder));
        var generator = new Generator((ulong)seed);
        using (no_grad())
            foreach (var (_, p) in model.HfParameters().Where(p => p.Value.dim() >= 2))
                p.normal_(0, 0.02, generator);
        SafeTensorsFile.Write(Path.Combine(folder, WeightFiles.Single), model.HfParameters().Select(p => (p.Key, (Tensor)p.Value)));
        return model.parameters().Sum(p => p.numel());
    }
}
