using static TorchSharp.torch;

namespace AlignDsl.Models;

/// <summary>
/// Per-sequence log-probabilities of the completion tokens: <see cref="Sum"/> is log π(y|x), <see cref="Tokens"/>
/// the number of completion tokens, both [rows] and on the device.
/// </summary>
public sealed record SequenceLogProbs(Tensor Sum, Tensor Tokens)
{
    /// <summary>Length-normalised log-probability: the mean log-prob per completion token.</summary>
    public Tensor Mean => Sum / Tokens;

    /// <summary>Splits a preference batch's rows into the chosen half and the rejected half.</summary>
    public (SequenceLogProbs Chosen, SequenceLogProbs Rejected) SplitPairs()
    {
        var (chosenSum, rejectedSum) = Data.Halves.Split(Sum);
        var (chosenTokens, rejectedTokens) = Data.Halves.Split(Tokens);
        return (new SequenceLogProbs(chosenSum, chosenTokens), new SequenceLogProbs(rejectedSum, rejectedTokens));
    }
}
