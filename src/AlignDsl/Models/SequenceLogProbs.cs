using static TorchSharp.torch;

namespace AlignDsl.Models;

/// <summary>
/// Per-sequence log-probabilities of the completion tokens: <see cref="Sum"/> is log π(y|x), <see cref="Tokens"/>
/// the number of completion tokens, both [rows] and on the device; <see cref="LogitSums"/>, where the model's logits were
/// at hand, each row's sum over its completion positions of the mean logit over the vocabulary (detached).
/// </summary>
public sealed record SequenceLogProbs(Tensor Sum, Tensor Tokens, Tensor? LogitSums = null)
{
    /// <summary>Length-normalised log-probability: the mean log-prob per completion token.</summary>
    public Tensor Mean => Sum / Tokens;

    /// <summary>
    /// The mean logit over every completion position and vocabulary entry of these rows together: TRL's
    /// <c>logits/chosen</c> and <c>logits/rejected</c>.
    /// </summary>
    public Tensor MeanLogit => (LogitSums ?? throw new InvalidOperationException("These log-probs were not computed from logits (a precomputed reference)."))
        .sum() / Tokens.sum().clamp_min(1);

    /// <summary>Splits a preference batch's rows into the chosen half and the rejected half.</summary>
    public (SequenceLogProbs Chosen, SequenceLogProbs Rejected) SplitPairs()
    {
        var (chosenSum, rejectedSum) = Data.Halves.Split(Sum);
        var (chosenTokens, rejectedTokens) = Data.Halves.Split(Tokens);
        if (LogitSums is null) return (new SequenceLogProbs(chosenSum, chosenTokens), new SequenceLogProbs(rejectedSum, rejectedTokens));
        var (chosenLogits, rejectedLogits) = Data.Halves.Split(LogitSums);
        return (new SequenceLogProbs(chosenSum, chosenTokens, chosenLogits), new SequenceLogProbs(rejectedSum, rejectedTokens, rejectedLogits));
    }
}
