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
    // Fields are named like the segments of Hugging Face's tensor names: RegisterComponents registers each by its field name.
    private readonly RmsNorm input_layernorm, post_attention_layernorm;
    private readonly Attention self_attn;
    private readonly Mlp mlp;
    private readonly LlamaConfig _config;
    private readonly int _layer;

    public LlamaBlock(LlamaConfig config, int layer) : base($"layers.{layer}")
    {
        _config = config;
        _layer = layer;
        input_layernorm = new RmsNorm(config.ModelDim, config.RmsEpsilon);
        self_attn = new Attention(config);
        post_attention_layernorm = new RmsNorm(config.ModelDim, config.RmsEpsilon);
        mlp = new Mlp(config);
        RegisterComponents();
    }

    /// <param name="x">[batch, time, dim]</param>
    /// <param name="rotary">The model's rotary tables; <paramref name="cos"/> and <paramref name="sin"/> are its angles for these positions.</param>
    /// <param name="cache">When given, the new positions attend to the cached ones and are appended to them.</param>
    /// <param name="causal">Mask future positions: for a whole sequence, not for one new token after a cache.</param>
    public Tensor Forward(Tensor x, long batch, long time, Rotary rotary, Tensor cos, Tensor sin, KvCache? cache, bool causal)
    {
        var (heads, kvHeads, headDim) = (_config.Heads, _config.KeyValueHeads, _config.HeadDim);
        var h = input_layernorm.forward(x);
        var q = rotary.Apply(self_attn.q_proj.forward(h).view(batch, time, heads, headDim).transpose(1, 2), cos, sin);
        var k = rotary.Apply(self_attn.k_proj.forward(h).view(batch, time, kvHeads, headDim).transpose(1, 2), cos, sin);
        var v = self_attn.v_proj.forward(h).view(batch, time, kvHeads, headDim).transpose(1, 2);
        if (cache is not null) (k, v) = cache.Append(_layer, k, v);
        if (heads != kvHeads)
        {
            k = k.repeat_interleave(heads / kvHeads, dim: 1);
            v = v.repeat_interleave(heads / kvHeads, dim: 1);
        }
        var attended = nn.functional.scaled_dot_product_attention(q, k, v, null, 0.0, causal);
        x = x + self_attn.o_proj.forward(attended.transpose(1, 2).reshape(batch, time, heads * headDim));
        var m = post_attention_layernorm.forward(x);
        return x + mlp.down_proj.forward(nn.functional.silu(mlp.gate_proj.forward(m)) * mlp.up_proj.forward(m));
    }

    private sealed class Attention : Module
    {
        public readonly Projection q_proj, k_proj, v_proj, o_proj;

        public Attention(LlamaConfig c) : base("self_attn")
        {
            q_proj = new Projection(c.ModelDim, c.Heads * c.HeadDim, c.QkvBias);
            k_proj = new Projection(c.ModelDim, c.KeyValueHeads * c.HeadDim, c.QkvBias);
            v_proj = new Projection(c.ModelDim, c.KeyValueHeads * c.HeadDim, c.QkvBias);
            o_proj = new Projection(c.Heads * c.HeadDim, c.ModelDim, c.OutputBias);
            RegisterComponents();
        }
    }

    private sealed class Mlp : Module
    {
        public readonly Projection gate_proj, up_proj, down_proj;

        public Mlp(LlamaConfig c) : base("mlp")
        {
            gate_proj = new Projection(c.ModelDim, c.InnerDim, c.MlpBias);
            up_proj = new Projection(c.ModelDim, c.InnerDim, c.MlpBias);
            down_proj = new Projection(c.InnerDim, c.ModelDim, c.MlpBias);
            RegisterComponents();
        }
    }
}
