using static TorchSharp.torch;

namespace AlignDsl.Objectives;

/// <summary>
/// TRL's figures of sampled answers, from the rollout's mask and the sampling policy's token log-probs [rows, length − 1]:
/// <c>completions/mean_length</c> in tokens, and <c>entropy</c> estimated as the mean −log π of the tokens sampled (its
/// expectation is the entropy; TRL computes it exactly from the logits, which this step does not keep).
/// </summary>
public static class CompletionFigures
{
    public static IEnumerable<(string Name, Tensor Value)> Of(Tensor mask, Tensor tokenLogProbs)
    {
        using var _ = no_grad();
        yield return ("completions/mean_length", mask.sum(1).mean());
        yield return ("entropy", TokenEntropy(mask, tokenLogProbs));
    }

    /// <summary>The mean −log π of the sampled tokens, an estimate of the entropy per token (PPO's guards read it too).</summary>
    public static Tensor TokenEntropy(Tensor mask, Tensor tokenLogProbs) => Ppo.MaskedMean(-tokenLogProbs.detach(), mask);
}
