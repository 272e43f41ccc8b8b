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
        var pairs = Sum.shape[0] / 2;
        return (new SequenceLogProbs(Sum[..(int)pairs], Tokens[..(int)pairs]), new SequenceLogProbs(Sum[(int)pairs..], Tokens[(int)pairs..]));
    }
}
