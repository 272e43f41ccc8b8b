using static TorchSharp.torch;

namespace AlignDsl.Objectives;

/// <summary>Supervised fine-tuning: mean negative log-likelihood per completion token.</summary>
public static class Sft
{
    public static SftOutput Nll(Models.SequenceLogProbs completion) =>
        new(-completion.Sum.sum() / completion.Tokens.sum());
}

/// <summary>An SFT step's loss; its metrics are the loss and the per-token perplexity.</summary>
public sealed record SftOutput(Tensor Loss) : IObjectiveOutput
{
    public IEnumerable<(string Name, Tensor Value)> Metrics()
    {
        var loss = Loss.detach();
        yield return ("loss", loss);
        yield return ("perplexity", loss.exp());
    }
}
