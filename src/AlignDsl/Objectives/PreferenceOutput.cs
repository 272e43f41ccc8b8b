using static TorchSharp.torch;

namespace AlignDsl.Objectives;

/// <summary>
/// A preference step's loss and the per-pair figures behind TRL's metrics, all on the device. Rewards are the objective's
/// own (DPO: β·log-ratio; SimPO: β·mean log-prob); log-probs are summed over completion tokens for DPO, per token for
/// IPO, SimPO and ORPO, as TRL reports them.
/// </summary>
public sealed record PreferenceOutput(Tensor Loss, Tensor ChosenRewards, Tensor RejectedRewards, Tensor ChosenLogProbs, Tensor RejectedLogProbs)
    : IObjectiveOutput
{
    public IEnumerable<(string Name, Tensor Value)> Metrics() =>
        RewardMetrics(Loss, ChosenRewards, RejectedRewards)
            .Concat([("logps/chosen", ChosenLogProbs.mean()), ("logps/rejected", RejectedLogProbs.mean())]);

    /// <summary>TRL's loss and reward figures for per-pair rewards, shared by every pairwise objective and the reward model.</summary>
    internal static IEnumerable<(string Name, Tensor Value)> RewardMetrics(Tensor loss, Tensor chosenRewards, Tensor rejectedRewards)
    {
        yield return ("loss", loss.detach());
        yield return ("rewards/chosen", chosenRewards.mean());
        yield return ("rewards/rejected", rejectedRewards.mean());
        yield return ("rewards/margins", (chosenRewards - rejectedRewards).mean());
        yield return ("rewards/accuracies", (chosenRewards > rejectedRewards).to(ScalarType.Float32).mean());
    }
}
