using AlignDsl.Data;
using AlignDsl.Tokenization;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.PyBridge;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AlignDsl.Models;

/// <summary>
/// A reward model: the tiny GPT's body and a scalar head on the hidden state of each sequence's last token
/// (the end-of-sequence token after the completion). It never projects onto the vocabulary: no LM head is computed.
/// </summary>
public sealed class RewardModel : ITrainableModel
{
    private readonly Network _network;

    public RewardModel(TinyGpt backbone, CompactTokenizer tokenizer, Device device)
    {
        _network = new Network(backbone);
        _network.to(device);
        Tokenizer = tokenizer;
        Device = device;
    }

    public CompactTokenizer Tokenizer { get; }
    public Device Device { get; }
    public ModelConfig Config => _network.Backbone.Config;

    /// <summary>A reward model whose body starts from a trained policy's weights (as reward models start from the SFT model).</summary>
    public static RewardModel FromPolicy(Policy policy)
    {
        var backbone = new TinyGpt(policy.Config);
        backbone.load_state_dict(policy.Model.state_dict());
        return new RewardModel(backbone, policy.Tokenizer, policy.Device);
    }

    public IEnumerable<Parameter> Parameters() => _network.parameters();

    /// <summary>One scalar reward per row [rows], read at each row's last token.</summary>
    public Tensor Rewards(SequenceTensors batch)
    {
        var hidden = _network.Backbone.Hidden(batch.Tokens);
        var last = hidden.gather(1, batch.LastToken.view(-1, 1, 1).expand(-1, 1, hidden.shape[2])).squeeze(1);
        return _network.Head.forward(last).squeeze(-1);
    }

    /// <summary>Loads saved weights and freezes them: a reward model that scores another experiment's samples (PPO).</summary>
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
        Checkpoint.SaveConfig(directory, Config, Tokenizer, Checkpoint.RewardModelKind);
    }

    public void Dispose() => _network.Dispose();

    private sealed class Network : Module
    {
        public Network(TinyGpt backbone) : base("reward_model")
        {
            Backbone = backbone;
            Head = Linear(backbone.Config.ModelDim, 1);
            RegisterComponents();
        }

        public TinyGpt Backbone { get; }
        public Linear Head { get; }
    }
}
