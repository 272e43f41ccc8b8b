using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AlignDsl.Models;

/// <summary>A pre-LN transformer block: x + attention(norm(x)), then x + MLP(norm(x)).</summary>
internal sealed class DecoderBlock : Module<Tensor, Tensor>
{
    private readonly LayerNorm attentionNorm, mlpNorm;
    private readonly Linear qkv, attentionOut, mlpIn, mlpOut;
    private readonly int _heads, _layer;

    public DecoderBlock(ModelConfig config, int layer) : base($"block{layer}")
    {
        _heads = config.Heads;
        _layer = layer;
        attentionNorm = LayerNorm(config.ModelDim);
        qkv = Linear(config.ModelDim, 3 * config.ModelDim);
        attentionOut = Linear(config.ModelDim, config.ModelDim);
        mlpNorm = LayerNorm(config.ModelDim);
        mlpIn = Linear(config.ModelDim, 4 * config.ModelDim);
        mlpOut = Linear(4 * config.ModelDim, config.ModelDim);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => Forward(x, cache: null, causal: true);

    /// <param name="x">[batch, time, dim]</param>
    /// <param name="cache">When given, the new positions attend to the cached ones and are appended to them.</param>
    /// <param name="causal">Mask future positions: for a whole sequence, not for one new token after a cache.</param>
    public Tensor Forward(Tensor x, KvCache? cache, bool causal)
    {
        var (batch, time, dim) = (x.shape[0], x.shape[1], x.shape[2]);
        var qkvs = qkv.forward(attentionNorm.forward(x)).view(batch, time, 3, _heads, dim / _heads).permute(2, 0, 3, 1, 4);
        var (q, k, v) = (qkvs[0], qkvs[1], qkvs[2]);
        if (cache is not null) (k, v) = cache.Append(_layer, k, v);
        var attention = nn.functional.scaled_dot_product_attention(q, k, v, null, 0.0, causal);
        x = x + attentionOut.forward(attention.transpose(1, 2).reshape(batch, time, dim));
        return x + mlpOut.forward(nn.functional.gelu(mlpIn.forward(mlpNorm.forward(x))));
    }
}
