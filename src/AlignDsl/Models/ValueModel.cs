using AlignDsl.Data;
using AlignDsl.Tokenization;
using static TorchSharp.torch;

namespace AlignDsl.Models;

/// <summary>
/// PPO's critic: the policy's body and a scalar head giving one value per token, the expected return from the state
/// before each next-token target. It starts from the reward model where PPO has one (as TRL's does), else from the policy's body.
/// </summary>
public sealed class ValueModel(CausalLM backbone, ITokenizer tokenizer, Device device)
    : ScalarHeadModel(backbone, tokenizer, device, Kind, headBias: true, chat: null)
{
    public const string Kind = "value_model";

    /// <summary>A trainable value model whose body is a copy of <paramref name="policy"/>'s weights; the policy is left untouched.</summary>
    public static ValueModel FromPolicy(Policy policy) => new(CopyBody(policy), policy.Tokenizer, policy.Device);

    /// <summary>
    /// A trainable value model that starts as <paramref name="rewardModel"/>: a copy of its body and its head's weights (the
    /// bias at 0), as TRL's value model loads from the reward model's folder. The reward model is left untouched and frozen.
    /// </summary>
    public static ValueModel FromRewardModel(RewardModel rewardModel)
    {
        var body = rewardModel.Body.BaseCopy();
        body.GradientCheckpointing = rewardModel.Body.GradientCheckpointing;
        var valueModel = new ValueModel(body, rewardModel.Tokenizer, rewardModel.Device);
        valueModel.CopyHeadFrom(rewardModel);
        return valueModel;
    }

    /// <summary>Values [rows, length − 1], aligned with <see cref="Policy.TokenLogProbs"/>: position t values the prefix that predicts token t + 1.</summary>
    public Tensor Values(SequenceTensors batch) => Head(Hidden(batch.Tokens[.., ..^1]));
}
