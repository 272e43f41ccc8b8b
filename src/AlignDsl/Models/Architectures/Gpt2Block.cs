using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AlignDsl.Models.Architectures;

/// <summary>A GPT-2 block: x + attn(ln_1(x)), then x + mlp(ln_2(x)), with the fused q/k/v projection <c>c_attn</c>.</summary>
internal sealed class Gpt2Block : Module
{
    // Fields are named like the segments of Hugging Face's tensor names: RegisterComponents registers each by its field name.
    private readonly LayerNorm ln_1, ln_2;
    private readonly Attention attn;
    private readonly Mlp mlp;
    private readonly int _heads, _dim, _layer;

    public Gpt2Block(Gpt2Config config, int layer) : base($"h.{layer}")
    {
        _heads = config.Heads;
        _dim = config.ModelDim;
        _layer = layer;
        ln_1 = LayerNorm(config.ModelDim, config.Epsilon);
        attn = new Attention(config.ModelDim);
        ln_2 = LayerNorm(config.ModelDim, config.Epsilon);
        mlp = new Mlp(config.ModelDim, config.InnerDim, config.Activation);
        RegisterComponents();
    }

    public void InitNormal(double std)
    {
        attn.c_attn.InitNormal(std);
        attn.c_proj.InitNormal(std);
        mlp.c_fc.InitNormal(std);
        mlp.c_proj.InitNormal(std);
    }

    /// <param name="x">[batch·time, dim]: the rows of <paramref name="batch"/> sequences of <paramref name="time"/> tokens.</param>
    /// <param name="cache">When given, the new positions attend to the cached ones and are appended to them.</param>
    /// <param name="causal">Mask future positions: for a whole sequence, not for one new token after a cache.</param>
    public Tensor Forward(Tensor x, long batch, long time, KvCache? cache, bool causal)
    {
        var headDim = _dim / _heads;
        var projected = attn.c_attn.forward(ln_1.forward(x));
        // q, k and v [batch, heads, time, head dim]. One sampled token's [batch, 3·dim] already lies in memory as
        // [batch, 3, heads, 1, head dim], and its attention output as [batch, dim]: no permutes, whose cost per call is
        // comparable to the token's arithmetic.
        var qkv = time == 1
            ? projected.view(batch, 3, _heads, 1, headDim).unbind(1)
            : projected.view(batch, time, 3, _heads, headDim).permute(2, 0, 3, 1, 4).unbind(0);
        var (q, k, v) = (qkv[0], qkv[1], qkv[2]);
        if (cache is not null) (k, v) = cache.Append(_layer, k, v);
        var attended = nn.functional.scaled_dot_product_attention(q, k, v, null, 0.0, causal);
        var merged = time == 1 ? attended.reshape(batch, _dim) : attended.transpose(1, 2).reshape(batch * time, _dim);
        x = x + attn.c_proj.forward(merged);
        return x + mlp.c_proj.forward(mlp.Activate(mlp.c_fc.forward(ln_2.forward(x))));
    }

    private sealed class Attention : Module
    {
        /// <summary>The fused q/k/v projection and the output projection.</summary>
        public readonly Conv1D c_attn, c_proj;

        public Attention(int dim) : base("attn")
        {
            c_attn = new Conv1D(dim, 3 * dim);
            c_proj = new Conv1D(dim, dim);
            RegisterComponents();
        }
    }

    private sealed class Mlp : Module
    {
        public readonly Conv1D c_fc, c_proj;
        private readonly bool _exact;

        public Mlp(int dim, int inner, string activation) : base("mlp")
        {
            c_fc = new Conv1D(dim, inner);
            c_proj = new Conv1D(inner, dim);
            _exact = activation == "gelu";
            RegisterComponents();
        }

        /// <summary>Exact GELU, or the tanh approximation GPT-2 was trained with (<c>gelu_new</c>).</summary>
        public Tensor Activate(Tensor x) => _exact
            ? nn.functional.gelu(x)
            : 0.5 * x * (1.0 + tanh(Math.Sqrt(2.0 / Math.PI) * (x + 0.044715 * x.pow(3))));
    }
}
