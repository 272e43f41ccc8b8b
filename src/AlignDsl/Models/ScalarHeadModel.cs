using AlignDsl.Chat;
using AlignDsl.Data;
using AlignDsl.Models.Architectures;
using AlignDsl.Tokenization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AlignDsl.Models;

/// <summary>
/// A causal LM's body with a scalar head instead of the vocabulary projection: what a reward model (one score per
/// sequence) and PPO's value model (one value per token) share. Subclasses decide where the head reads. It saves in
/// Hugging Face's sequence-classification layout: the body's tensors and <c>score.weight</c>. With LoRA adapters on the
/// body, the head trains beside them (PEFT's <c>modules_to_save</c>) and the checkpoint also holds the adapter folder.
/// </summary>
public abstract class ScalarHeadModel : ITrainableModel
{
    private readonly Network _network;
    private readonly string _kind;

    /// <param name="headBias">
    /// Whether the head adds a bias. Hugging Face's sequence-classification head has none (a reward model needs none:
    /// only differences of rewards are trained); a value model, which regresses returns, keeps one.
    /// </param>
    protected ScalarHeadModel(CausalLM backbone, ITokenizer tokenizer, Device device, string kind, bool headBias, ChatFormat? chat)
    {
        _network = new Network(backbone, kind, headBias);
        // The head computes in the body's precision (a bf16 body gets a bf16 head; the losses read its output in fp32).
        _network.Head.to(backbone.DType);
        _network.to(device);
        Tokenizer = tokenizer;
        Device = device;
        Chat = chat;
        _kind = kind;
    }

    public ITokenizer Tokenizer { get; }
    public Device Device { get; }
    public ModelConfig Config => _network.Backbone.Config;

    /// <summary>The chat template the body's policy was trained with, if any: pairs are scored as that policy writes them.</summary>
    public ChatFormat? Chat { get; }

    /// <summary>The body, where LoRA adapters attach.</summary>
    public CausalLM Body => _network.Backbone;

    /// <summary>
    /// The body's weights (LoRA adapters included) and the head's. An untied output projection (a pretrained model's
    /// <c>lm_head</c>) is never computed here, so it is neither trained nor saved.
    /// </summary>
    public IEnumerable<Parameter> Parameters() => Body.named_parameters()
        .Where(p => p.name.StartsWith(Body.BodyPrefix + ".", StringComparison.Ordinal)).Select(p => p.parameter)
        .Concat(_network.Head.parameters());

    /// <summary>Pairs as this model reads them: rendered with its chat template where it has one.</summary>
    public IReadOnlyList<PreferencePair> Render(IReadOnlyList<PreferencePair> pairs) => Chat is null ? pairs : pairs.Select(Chat.Pair).ToList();

    /// <summary>Casts the weights to <paramref name="precision"/>'s type in place (before an optimiser holds them).</summary>
    public void In(Precision precision) => _network.to(precision.ScalarType());

    /// <summary>Hidden states [rows, length, d] of <paramref name="tokens"/>.</summary>
    protected Tensor Hidden(Tensor tokens) => _network.Backbone.Hidden(tokens);

    /// <summary>The head on hidden states [..., d] → [...], in fp32 for the losses whatever the model computes in.</summary>
    protected Tensor Head(Tensor hidden) => _network.Head.forward(hidden).squeeze(-1).to_type(ScalarType.Float32);

    /// <summary>A body copied from <paramref name="policy"/>'s weights (its base, where it carries LoRA adapters); the policy is left untouched.</summary>
    protected static CausalLM CopyBody(Policy policy) => policy.Model.HasAdapters ? policy.Model.BaseCopy() : policy.Model.Copy();

    /// <summary>Copies <paramref name="source"/>'s head weights into this model's head; a bias this head has and the source's lacks starts at 0.</summary>
    protected void CopyHeadFrom(ScalarHeadModel source)
    {
        using var _ = no_grad();
        _network.Head.weight.copy_(source._network.Head.weight);
        if (_network.Head.bias is { } bias) bias.copy_(source._network.Head.bias ?? zeros_like(bias));
    }

    /// <summary>Loads saved weights and freezes them: a model that scores and is never trained (PPO's reward model).</summary>
    internal void LoadFrozen(string directory)
    {
        SafeTensors.WeightFiles.LoadInto(directory, HfParameters(), _network.Backbone.IsIgnoredTensor);
        foreach (var p in _network.parameters()) p.requires_grad = false;
        _network.eval();
    }

    /// <summary>The body's tensors under their Hugging Face names (adapters included), and the head's as <c>score.*</c>.</summary>
    private Dictionary<string, Parameter> HfParameters()
    {
        var parameters = PretrainedModels.BodyParameters(_network.Backbone).ToDictionary();
        foreach (var (name, p) in HeadParameters()) parameters[name] = p;
        return parameters;
    }

    private IEnumerable<(string Name, Parameter Parameter)> HeadParameters() =>
        _network.Head.named_parameters().Select(p => ("score." + p.name, p.parameter));

    public void LoadWeights(string directory) => SafeTensors.WeightFiles.LoadInto(directory, HfParameters());

    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        using var scope = NewDisposeScope();
        // The body's tensors with LoRA adapters merged in, and the head's as score.*.
        SafeTensors.SafeTensorsFile.Write(Path.Combine(directory, SafeTensors.WeightFiles.Single), Lora.LoraAdapters.WithAdaptersMerged(Body, HfParameters()));
        if (Body.HasAdapters)
            Lora.LoraAdapters.Save(Body, Path.Combine(directory, Checkpoint.AdapterFolder), (Tokenizer as HfTokenizer)?.Folder,
                HeadParameters().Select(p => (p.Name, (Tensor)p.Parameter)));
        var config = _network.Backbone.HfConfig();
        config["torch_dtype"] = PrecisionTypes.HfDType(_network.Backbone.DType);
        config["architectures"] = new System.Text.Json.Nodes.JsonArray(SequenceClassification(_network.Backbone.Architecture));
        config["num_labels"] = 1;
        Checkpoint.SaveMetadata(directory, config, Tokenizer, _kind, Chat?.Template);
    }

    /// <summary><c>LlamaForCausalLM</c> → <c>LlamaForSequenceClassification</c>; GPT-2's head class has its own name.</summary>
    internal static string SequenceClassification(string causalArchitecture) =>
        causalArchitecture == "GPT2LMHeadModel" ? "GPT2ForSequenceClassification" : causalArchitecture.Replace("ForCausalLM", "ForSequenceClassification");

    public void Dispose() => _network.Dispose();

    private sealed class Network : Module
    {
        // Registered by field name: "score" is Hugging Face's name for the head.
        private readonly CausalLM backbone;
        private readonly Linear score;

        public Network(CausalLM backbone, string name, bool headBias) : base(name)
        {
            this.backbone = backbone;
            score = Linear(backbone.Config.ModelDim, 1, hasBias: headBias);
            RegisterComponents();
        }

        public CausalLM Backbone => backbone;
        public Linear Head => score;
    }
}
