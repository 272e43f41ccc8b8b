using System.Text.Json.Nodes;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AlignDsl.Models.Architectures;

/// <summary>
/// GPT-2 under Hugging Face's tensor names (<c>transformer.h.0.attn.c_attn.weight</c>, …): token and learned position
/// embeddings, pre-LN blocks with causal attention, a final norm and an output projection, tied or not.
/// Weights start as GPT-2 initialises them: normal(0, 0.02) for embeddings and projections.
/// </summary>
public class Gpt2 : CausalLM
{
    /// <summary>The values of <c>activation_function</c> this implementation computes exactly.</summary>
    public static readonly IReadOnlyList<string> Activations = ["gelu", "gelu_new", "gelu_pytorch_tanh"];

    // Fields are named like the segments of Hugging Face's tensor names: RegisterComponents registers each by its field name.
    private readonly Body transformer;
    private readonly Linear? lm_head;

    public Gpt2(Gpt2Config config) : base("GPT2LMHeadModel")
    {
        Settings = config;
        transformer = new Body(config);
        if (!config.TiedEmbeddings) lm_head = Linear(config.ModelDim, config.VocabularySize, hasBias: false);
        RegisterComponents();
        using (no_grad())
        {
            init.normal_(transformer.wte.weight!, std: 0.02);
            init.normal_(transformer.wpe.weight!, std: 0.02);
            foreach (var block in transformer.h) block.InitNormal(0.02);
            if (lm_head is not null) init.normal_(lm_head.weight!, std: 0.02);
        }
    }

    public Gpt2Config Settings { get; }
    public override ModelConfig Config => Settings.Size;
    public override string Architecture => "GPT2LMHeadModel";
    public override string BodyPrefix => "transformer";

    public override Tensor Hidden(Tensor ids, KvCache? cache = null)
    {
        var (batch, time) = (ids.size(0), ids.size(1));
        return HiddenRows(ids, batch, time, cache).view(batch, time, -1);
    }

    public override Tensor LastHidden(Tensor ids, KvCache? cache = null)
    {
        var (batch, time) = (ids.size(0), ids.size(1));
        var rows = HiddenRows(ids, batch, time, cache);
        // A sampled token's rows are already [batch, dim].
        return time == 1 ? rows : rows.view(batch, time, -1).select(1, -1);
    }

    /// <summary>The final-norm hidden states as [batch·time, dim] rows, the layout the blocks work in.</summary>
    private Tensor HiddenRows(Tensor ids, long batch, long time, KvCache? cache)
    {
        var start = StartPosition(time, cache);
        // A whole sequence (or a prompt filling an empty cache) needs the causal mask; one new token may attend to every cached one.
        var causal = start == 0;
        // The position embeddings of positions start… are rows of wpe: a narrow view, with no index tensor to build per token.
        // The blocks read [batch·time, dim] rows, so each projection is one matrix product with no reshape around it.
        var x = (transformer.wte.forward(ids) + transformer.wpe.weight!.narrow(0, start, time)).view(batch * time, -1);
        foreach (var block in transformer.h) x = Block(x, cache, h => block.Forward(h, batch, time, cache, causal));
        return transformer.ln_f.forward(x);
    }

    public override Tensor Logits(Tensor hidden) => lm_head is null ? nn.functional.linear(hidden, transformer.wte.weight!) : lm_head.forward(hidden);

    public override CausalLM NewOfSameShape() => new Gpt2(Settings);

    public override JsonObject HfConfig() => Settings.ToJson(Architecture);

    /// <summary>Older GPT-2 files store each layer's causal mask, and a tied output projection, as tensors.</summary>
    public override bool IsIgnoredTensor(string name) =>
        name.EndsWith(".attn.bias", StringComparison.Ordinal) || name.EndsWith(".attn.masked_bias", StringComparison.Ordinal)
        || (Settings.TiedEmbeddings && name == "lm_head.weight");

    private sealed class Body : Module
    {
        public readonly Embedding wte, wpe;
        public readonly ModuleList<Gpt2Block> h;
        public readonly LayerNorm ln_f;

        public Body(Gpt2Config config) : base("transformer")
        {
            wte = Embedding(config.VocabularySize, config.ModelDim);
            wpe = Embedding(config.Context, config.ModelDim);
            h = new ModuleList<Gpt2Block>(Enumerable.Range(0, config.Layers).Select(i => new Gpt2Block(config, i)).ToArray());
            ln_f = LayerNorm(config.ModelDim, config.Epsilon);
            RegisterComponents();
        }
    }
}
