using System.Text.Json.Nodes;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AlignDsl.Models.Architectures;

/// <summary>
/// A Llama-family causal LM under Hugging Face's tensor names (<c>model.layers.0.self_attn.q_proj.weight</c>, …):
/// token embedding, pre-norm blocks (RMSNorm, rotary grouped-query attention, SwiGLU MLP), a final RMSNorm, and
/// <c>lm_head</c> unless tied to the embedding.
/// </summary>
public sealed class Llama : CausalLM
{
    // Fields are named like the segments of Hugging Face's tensor names: RegisterComponents registers each by its field name.
    private readonly Body model;
    private readonly Linear? lm_head;
    private readonly Rotary _rotary;

    public Llama(LlamaConfig config) : base(config.Architecture)
    {
        Settings = config;
        _rotary = new Rotary(config.HeadDim, config.RopeTheta, config.Context);
        model = new Body(config);
        if (!config.TiedEmbeddings) lm_head = Linear(config.ModelDim, config.VocabularySize, hasBias: false);
        RegisterComponents();
    }

    public LlamaConfig Settings { get; }
    public override ModelConfig Config => Settings.Size;
    public override string Architecture => Settings.Architecture;
    public override string BodyPrefix => "model";

    public override Tensor Hidden(Tensor ids, KvCache? cache = null)
    {
        var (batch, time) = (ids.size(0), ids.size(1));
        var start = StartPosition(time, cache);
        var x = model.embed_tokens.forward(ids);
        var (cos, sin) = _rotary.Angles(start, time, x.dtype, ids.device);
        foreach (var layer in model.layers) x = Block(x, cache, h => layer.Forward(h, batch, time, _rotary, cos, sin, cache, causal: start == 0));
        return model.norm.forward(x);
    }

    public override Tensor Logits(Tensor hidden) => lm_head is null ? nn.functional.linear(hidden, model.embed_tokens.weight!) : lm_head.forward(hidden);

    public override CausalLM NewOfSameShape() => new Llama(Settings);

    public override JsonObject HfConfig() => Settings.ToJson(Architecture);

    /// <summary>Some tied checkpoints store the output projection anyway; precomputed rotary tables are not weights.</summary>
    public override bool IsIgnoredTensor(string name) =>
        (Settings.TiedEmbeddings && name == "lm_head.weight") || name.EndsWith(".rotary_emb.inv_freq", StringComparison.Ordinal);

    protected override void Dispose(bool disposing)
    {
        if (disposing) _rotary.Dispose();
        base.Dispose(disposing);
    }

    private sealed class Body : Module
    {
        public readonly Embedding embed_tokens;
        public readonly ModuleList<LlamaBlock> layers;
        public readonly RmsNorm norm;

        public Body(LlamaConfig config) : base("model")
        {
            embed_tokens = Embedding(config.VocabularySize, config.ModelDim);
            layers = new ModuleList<LlamaBlock>(Enumerable.Range(0, config.Layers).Select(i => new LlamaBlock(config, i)).ToArray());
            norm = new RmsNorm(config.ModelDim, config.RmsEpsilon);
            RegisterComponents();
        }
    }
}
