using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AlignDsl.Models.Architectures;

/// <summary>
/// A Llama decoder layer: x + o_proj(attention(rope(q), rope(k), v)) on RMSNorm(x), then
/// x + down_proj(silu(gate_proj(h)) · up_proj(h)) on RMSNorm(x). Each key/value head serves heads / kv_heads query heads.
/// </summary>
internal sealed class LlamaBlock : Module
{
    private readonly RmsNorm inputNorm, mlpNorm;
    private readonly Attention attention;
    private readonly Mlp mlp;
    private readonly LlamaConfig _config;
    private readonly int _layer;

    public LlamaBlock(LlamaConfig config, int layer) : base($"layers.{layer}")
    {
        _config = config;
        _layer = layer;
        inputNorm = new RmsNorm(config.ModelDim, config.RmsEpsilon);
        attention = new Attention(config);
        mlpNorm = new RmsNorm(config.ModelDim, config.RmsEpsilon);
        mlp = new Mlp(config);
        register_module("input_layernorm", inputNorm);
        register_module("self_attn", attention);
        register_module("post_attention_layernorm", mlpNorm);
        register_module("mlp", mlp);
    }

    /// <param name="cos">Rotary angles' cosines [time, headDim] for these positions; <paramref name="sin"/> likewise.</param>
    /// <param name="cache">When given, the new positions attend to the cached ones and are appended to them.</param>
    /// <param name="causal">Mask future positions: for a whole sequence, not for one new token after a cache.</param>
    public Tensor Forward(Tensor x, Tensor cos, Tensor sin, KvCache? cache, bool causal)
    {
        var (batch, time) = (x.shape[0], x.shape[1]);
        var (heads, kvHeads, headDim) = (_config.Heads, _config.KeyValueHeads, _config.HeadDim);
        var h = inputNorm.forward(x);
        var q = Rotary.Apply(attention.Query.forward(h).view(batch, time, heads, headDim).transpose(1, 2), cos, sin);
        var k = Rotary.Apply(attention.Key.forward(h).view(batch, time, kvHeads, headDim).transpose(1, 2), cos, sin);
        var v = attention.Value.forward(h).view(batch, time, kvHeads, headDim).transpose(1, 2);
        if (cache is not null) (k, v) = cache.Append(_layer, k, v);
        if (heads != kvHeads)
        {
            k = k.repeat_interleave(heads / kvHeads, dim: 1);
            v = v.repeat_interleave(heads / kvHeads, dim: 1);
        }
        var attended = nn.functional.scaled_dot_product_attention(q, k, v, null, 0.0, causal);
        x = x + attention.Output.forward(attended.transpose(1, 2).reshape(batch, time, heads * headDim));
        var m = mlpNorm.forward(x);
        return x + mlp.Down.forward(nn.functional.silu(mlp.Gate.forward(m)) * mlp.Up.forward(m));
    }

    private sealed class Attention : Module
    {
        public Attention(LlamaConfig c) : base("self_attn")
        {
            Query = Linear(c.ModelDim, c.Heads * c.HeadDim, c.QkvBias);
            Key = Linear(c.ModelDim, c.KeyValueHeads * c.HeadDim, c.QkvBias);
            Value = Linear(c.ModelDim, c.KeyValueHeads * c.HeadDim, c.QkvBias);
            Output = Linear(c.Heads * c.HeadDim, c.ModelDim, c.OutputBias);
            register_module("q_proj", Query);
            register_module("k_proj", Key);
            register_module("v_proj", Value);
            register_module("o_proj", Output);
        }

        public Linear Query { get; }
        public Linear Key { get; }
        public Linear Value { get; }
        public Linear Output { get; }
    }

    private sealed class Mlp : Module
    {
        public Mlp(LlamaConfig c) : base("mlp")
        {
            Gate = Linear(c.ModelDim, c.InnerDim, c.MlpBias);
            Up = Linear(c.ModelDim, c.InnerDim, c.MlpBias);
            Down = Linear(c.InnerDim, c.ModelDim, c.MlpBias);
            register_module("gate_proj", Gate);
            register_module("up_proj", Up);
            register_module("down_proj", Down);
        }

        public Linear Gate { get; }
        public Linear Up { get; }
        public Linear Down { get; }
    }
}
