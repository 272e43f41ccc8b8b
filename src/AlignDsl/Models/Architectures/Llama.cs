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

    public Llama(LlamaConfig config) : base(config.Architecture)
    {
        Settings = config;
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
        var start = StartPosition(ids, cache);
        var (cos, sin) = Rotary.Angles(start, ids.shape[1], Settings.HeadDim, Settings.RopeTheta, ids.device);
        var x = model.embed_tokens.forward(ids);
        foreach (var layer in model.layers) x = Block(x, cache, h => layer.Forward(h, cos, sin, cache, causal: start == 0));
        return model.norm.forward(x);
    }

    public override Tensor Logits(Tensor hidden) => lm_head is null ? hidden.matmul(model.embed_tokens.weight!.t()) : lm_head.forward(hidden);

    public override CausalLM NewOfSameShape() => new Llama(Settings);

    public override JsonObject HfConfig() => Settings.ToJson(Architecture);

    /// <summary>Some tied checkpoints store the output projection anyway; precomputed rotary tables are not weights.</summary>
    public override bool IsIgnoredTensor(string name) =>
        (Settings.TiedEmbeddings && name == "lm_head.weight") || name.EndsWith(".rotary_emb.inv_freq", StringComparison.Ordinal);

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
