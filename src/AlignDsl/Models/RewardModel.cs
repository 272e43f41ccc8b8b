using AlignDsl.Chat;
using AlignDsl.Data;
using AlignDsl.Tokenization;
using static TorchSharp.torch;

namespace AlignDsl.Models;

/// <summary>
/// A reward model: a causal LM's body and a scalar head (without bias, as Hugging Face's <c>score</c>) on the hidden state of each sequence's last token
/// (the end-of-sequence token after the completion). It never projects onto the vocabulary: no LM head is computed.
/// </summary>
public sealed class RewardModel(CausalLM backbone, ITokenizer tokenizer, Device device, ChatFormat? chat = null)
    : ScalarHeadModel(backbone, tokenizer, device, Checkpoint.RewardModelKind, headBias: false, chat)
{
    /// <summary>A reward model whose body starts from a copy of a trained policy's weights (as reward models start from the SFT model).</summary>
    public static RewardModel FromPolicy(Policy policy) => new(CopyBody(policy), policy.Tokenizer, policy.Device, policy.Chat);

    /// <summary>
    /// A reward model around <paramref name="policy"/>'s own model, without a copy: the body of a model loaded for this
    /// purpose. The reward model owns it from here, so the policy must not be used or disposed afterwards.
    /// </summary>
    public static RewardModel TakingBodyOf(Policy policy) => new(policy.Model, policy.Tokenizer, policy.Device, policy.Chat);

    /// <summary>One scalar reward per row [rows], read at each row's last token.</summary>
    public Tensor Rewards(SequenceTensors batch)
    {
        var hidden = Hidden(batch.Tokens);
        return Head(hidden.gather(1, batch.LastToken.view(-1, 1, 1).expand(-1, 1, hidden.shape[2])).squeeze(1));
    }
}
