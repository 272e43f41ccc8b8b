using AlignDsl.Data;
using AlignDsl.Tokenization;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.PyBridge;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AlignDsl.Models;

/// <summary>
/// PPO's critic: the tiny GPT's body and a scalar head giving one value per token, the expected return from the state
/// before each next-token target. It starts from the policy's body, as TRL's value model starts from a trained model.
/// </summary>
public sealed class ValueModel : ITrainableModel
{
    public const string Kind = "value_model";

    private readonly Network _network;

    public ValueModel(TinyGpt backbone, CompactTokenizer tokenizer, Device device)
    {
        _network = new Network(backbone);
        _network.to(device);
        Tokenizer = tokenizer;
        Device = device;
    }

    public CompactTokenizer Tokenizer { get; }
    public Device Device { get; }
    public ModelConfig Config => _network.Backbone.Config;

    /// <summary>A trainable value model whose body is a copy of <paramref name="policy"/>'s weights; the policy is left untouched.</summary>
    public static ValueModel FromPolicy(Policy policy)
    {
        var backbone = new TinyGpt(policy.Config);
        backbone.load_state_dict(policy.Model.state_dict());
        return new ValueModel(backbone, policy.Tokenizer, policy.Device);
    }

    public IEnumerable<Parameter> Parameters() => _network.parameters();

    /// <summary>Values [rows, length − 1], aligned with <see cref="Policy.TokenLogProbs"/>: position t values the prefix that predicts token t + 1.</summary>
    public Tensor Values(SequenceTensors batch) =>
        _network.Head.forward(_network.Backbone.Hidden(batch.Tokens[.., ..^1])).squeeze(-1);

    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        _network.save_safetensors(Path.Combine(directory, Checkpoint.WeightsFile));
        Checkpoint.SaveConfig(directory, Config, Tokenizer, Kind);
    }

    public void Dispose() => _network.Dispose();

    private sealed class Network : Module
    {
        public Network(TinyGpt backbone) : base("value_model")
        {
            Backbone = backbone;
            Head = Linear(backbone.Config.ModelDim, 1);
            RegisterComponents();
        }

        public TinyGpt Backbone { get; }
        public Linear Head { get; }
    }
}
