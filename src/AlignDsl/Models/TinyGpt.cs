using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AlignDsl.Models;

/// <summary>
/// A tiny GPT: token and position embeddings, pre-LN decoder blocks with causal scaled-dot-product attention,
/// a final norm, and an output projection tied to the token embedding.
/// </summary>
public sealed class TinyGpt : Module<Tensor, Tensor>
{
    private readonly Embedding tokens, positions;
    private readonly ModuleList<DecoderBlock> blocks;
    private readonly LayerNorm finalNorm;

    public TinyGpt(ModelConfig config) : base("tiny_gpt")
    {
        Config = config;
        tokens = Embedding(config.VocabularySize, config.ModelDim);
        positions = Embedding(config.Context, config.ModelDim);
        blocks = new ModuleList<DecoderBlock>(Enumerable.Range(0, config.Layers).Select(i => new DecoderBlock(config, i)).ToArray());
        finalNorm = LayerNorm(config.ModelDim);
        RegisterComponents();
        using (no_grad())
        {
            foreach (var (_, p) in named_parameters()) if (p.dim() == 2) init.normal_(p, std: 0.02);
        }
    }

    public ModelConfig Config { get; }

    /// <summary>Logits [batch, time, vocabulary] for token ids [batch, time].</summary>
    public override Tensor forward(Tensor ids) => Forward(ids, cache: null);

    /// <summary>With a cache, <paramref name="ids"/> are the next positions after those already cached.</summary>
    public Tensor Forward(Tensor ids, KvCache? cache) => Hidden(ids, cache).matmul(tokens.weight!.t());

    /// <summary>The final-norm hidden states [batch, time, dim]: what a scalar head reads instead of the vocabulary projection.</summary>
    public Tensor Hidden(Tensor ids, KvCache? cache = null)
    {
        var start = cache?.Length ?? 0;
        var time = ids.shape[1];
        if (start + time > Config.Context)
            throw new ArgumentException($"Sequence of {start + time} tokens exceeds the model's context of {Config.Context}.");
        // A whole sequence (or a prompt filling an empty cache) needs the causal mask; one new token may attend to every cached one.
        if (start > 0 && time > 1) throw new NotSupportedException("After the prompt, the cache takes one token at a time.");
        var causal = start == 0;
        var x = tokens.forward(ids) + positions.forward(arange(start, start + time, device: ids.device));
        foreach (var block in blocks) x = block.Forward(x, cache, causal);
        return finalNorm.forward(x);
    }
}
