using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AlignDsl.Models.Architectures;

/// <summary>A GPT-2 block: x + attn(ln_1(x)), then x + mlp(ln_2(x)), with the fused q/k/v projection <c>c_attn</c>.</summary>
internal sealed class Gpt2Block : Module
{
    private readonly LayerNorm attentionNorm, mlpNorm;
    private readonly Attention attention;
    private readonly Mlp mlp;
    private readonly int _heads, _layer;

    public Gpt2Block(Gpt2Config config, int layer) : base($"h.{layer}")
    {
        _heads = config.Heads;
        _layer = layer;
        attentionNorm = LayerNorm(config.ModelDim, config.Epsilon);
        attention = new Attention(config.ModelDim);
        mlpNorm = LayerNorm(config.ModelDim, config.Epsilon);
        mlp = new Mlp(config.ModelDim, config.InnerDim, config.Activation);
        register_module("ln_1", attentionNorm);
        register_module("attn", attention);
        register_module("ln_2", mlpNorm);
        register_module("mlp", mlp);
    }

    public void InitNormal(double std)
    {
        attention.Fused.InitNormal(std);
        attention.Out.InitNormal(std);
        mlp.In.InitNormal(std);
        mlp.Out.InitNormal(std);
    }

    /// <param name="x">[batch, time, dim]</param>
    /// <param name="cache">When given, the new positions attend to the cached ones and are appended to them.</param>
    /// <param name="causal">Mask future positions: for a whole sequence, not for one new token after a cache.</param>
    public Tensor Forward(Tensor x, KvCache? cache, bool causal)
    {
        var (batch, time, dim) = (x.shape[0], x.shape[1], x.shape[2]);
        var qkvs = attention.Fused.forward(attentionNorm.forward(x)).view(batch, time, 3, _heads, dim / _heads).permute(2, 0, 3, 1, 4);
        var (q, k, v) = (qkvs[0], qkvs[1], qkvs[2]);
        if (cache is not null) (k, v) = cache.Append(_layer, k, v);
        var attended = nn.functional.scaled_dot_product_attention(q, k, v, null, 0.0, causal);
        x = x + attention.Out.forward(attended.transpose(1, 2).reshape(batch, time, dim));
        return x + mlp.Out.forward(mlp.Activate(mlp.In.forward(mlpNorm.forward(x))));
    }

    private sealed class Attention : Module
    {
        public Attention(int dim) : base("attn")
        {
            Fused = new Conv1D(dim, 3 * dim);
            Out = new Conv1D(dim, dim);
            register_module("c_attn", Fused);
            register_module("c_proj", Out);
        }

        public Conv1D Fused { get; }
        public Conv1D Out { get; }
    }

    private sealed class Mlp : Module
    {
        private readonly bool _exact;

        public Mlp(int dim, int inner, string activation) : base("mlp")
        {
            In = new Conv1D(dim, inner);
            Out = new Conv1D(inner, dim);
            _exact = activation == "gelu";
            register_module("c_fc", In);
            register_module("c_proj", Out);
        }

        public Conv1D In { get; }
        public Conv1D Out { get; }

        /// <summary>Exact GELU, or the tanh approximation GPT-2 was trained with (<c>gelu_new</c>).</summary>
        public Tensor Activate(Tensor x) => _exact
            ? nn.functional.gelu(x)
            : 0.5 * x * (1.0 + tanh(Math.Sqrt(2.0 / Math.PI) * (x + 0.044715 * x.pow(3))));
    }
}
