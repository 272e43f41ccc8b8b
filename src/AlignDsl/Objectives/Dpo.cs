using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace AlignDsl.Objectives;

/// <summary>
/// The DPO loss as TRL computes it (sigmoid form, with conservative-DPO label smoothing):
/// h = β·[(log π(y_w) − log π_ref(y_w)) − (log π(y_l) − log π_ref(y_l))],
/// loss = −(1 − ε)·log σ(h) − ε·log σ(−h), averaged over pairs.
/// </summary>
public static class Dpo
{
    public static DpoOutput Sigmoid(Tensor policyChosen, Tensor policyRejected, Tensor referenceChosen, Tensor referenceRejected,
        double beta, double labelSmoothing = 0.0)
    {
        var chosenRewards = beta * (policyChosen - referenceChosen);
        var rejectedRewards = beta * (policyRejected - referenceRejected);
        var logits = chosenRewards - rejectedRewards;
        var losses = -(1 - labelSmoothing) * logsigmoid(logits) - labelSmoothing * logsigmoid(-logits);
        return new DpoOutput(losses.mean(), chosenRewards.detach(), rejectedRewards.detach(), policyChosen.detach(), policyRejected.detach());
    }
}

/// <summary>A DPO step's loss and the per-pair figures behind TRL's metrics; all on the device.</summary>
public sealed record DpoOutput(Tensor Loss, Tensor ChosenRewards, Tensor RejectedRewards, Tensor ChosenLogProbs, Tensor RejectedLogProbs)
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
