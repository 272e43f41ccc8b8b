using AlignDsl.Tokenization;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.PyBridge;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AlignDsl.Models;

/// <summary>
/// The tiny GPT's body with a scalar head instead of the vocabulary projection: what a reward model (one score per
/// sequence) and PPO's value model (one value per token) share. Subclasses decide where the head reads.
/// </summary>
public abstract class ScalarHeadModel : ITrainableModel
{
    private readonly Network _network;
    private readonly string _kind;

    protected ScalarHeadModel(TinyGpt backbone, CompactTokenizer tokenizer, Device device, string kind)
    {
        _network = new Network(backbone, kind);
        _network.to(device);
        Tokenizer = tokenizer;
        Device = device;
        _kind = kind;
    }

    public CompactTokenizer Tokenizer { get; }
    public Device Device { get; }
    public ModelConfig Config => _network.Backbone.Config;

    public IEnumerable<Parameter> Parameters() => _network.parameters();

    /// <summary>Hidden states [rows, length, d] of <paramref name="tokens"/>.</summary>
    protected Tensor Hidden(Tensor tokens) => _network.Backbone.Hidden(tokens);

    /// <summary>The head on hidden states [..., d] → [...].</summary>
    protected Tensor Head(Tensor hidden) => _network.Head.forward(hidden).squeeze(-1);

    /// <summary>A body copied from <paramref name="policy"/>'s weights; the policy is left untouched.</summary>
    protected static TinyGpt CopyBody(Policy policy)
    {
        var backbone = new TinyGpt(policy.Config);
        backbone.load_state_dict(policy.Model.state_dict());
        return backbone;
    }

    /// <summary>Loads saved weights and freezes them: a model that scores and is never trained (PPO's reward model).</summary>
    internal void LoadFrozen(string weightsFile)
    {
        _network.load_safetensors(weightsFile);
        foreach (var p in _network.parameters()) p.requires_grad = false;
        _network.eval();
    }

    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        _network.save_safetensors(Path.Combine(directory, Checkpoint.WeightsFile));
        Checkpoint.SaveConfig(directory, Config, Tokenizer, _kind);
    }

    public void Dispose() => _network.Dispose();

    private sealed class Network : Module
    {
        public Network(TinyGpt backbone, string name) : base(name)
        {
            Backbone = backbone;
            Head = Linear(backbone.Config.ModelDim, 1);
            RegisterComponents();
        }

        public TinyGpt Backbone { get; }
        public Linear Head { get; }
    }
}
