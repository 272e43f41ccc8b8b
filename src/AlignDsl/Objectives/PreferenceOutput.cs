using static TorchSharp.torch;

namespace AlignDsl.Objectives;

/// <summary>
/// A preference step's loss and the per-pair figures behind TRL's metrics, all on the device. Rewards are the objective's
/// own (DPO: β·log-ratio; SimPO: β·mean log-prob); log-probs are summed over completion tokens.
/// </summary>
public sealed record PreferenceOutput(Tensor Loss, Tensor ChosenRewards, Tensor RejectedRewards, Tensor ChosenLogProbs, Tensor RejectedLogProbs)
    : IObjectiveOutput
{
    public IEnumerable<(string Name, Tensor Value)> Metrics()
    {
        yield return ("loss", Loss.detach());
        yield return ("rewards/chosen", ChosenRewards.mean());
        yield return ("rewards/rejected", RejectedRewards.mean());
        yield return ("rewards/margins", (ChosenRewards - RejectedRewards).mean());
        yield return ("rewards/accuracies", (ChosenRewards > RejectedRewards).to(ScalarType.Float32).mean());
        yield return ("logps/chosen", ChosenLogProbs.mean());
        yield return ("logps/rejected", RejectedLogProbs.mean());
    }
}
