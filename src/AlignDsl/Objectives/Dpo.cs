using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace AlignDsl.Objectives;

/// <summary>
/// The DPO family's losses as TRL computes them, from summed completion log-probs of policy and reference.
/// Sigmoid (with conservative-DPO label smoothing ε): h = β·[(log π(y_w) − log π_ref(y_w)) − (log π(y_l) − log π_ref(y_l))],
/// loss = −(1 − ε)·log σ(h) − ε·log σ(−h). Hinge: max(0, 1 − h). IPO: (h' − 1/(2β))², h' the same difference of
/// length-averaged log-ratios. All averaged over pairs. Rewards are β·log-ratio, summed over completion tokens for sigmoid and
/// hinge and averaged per token for IPO, whose log-probs TRL also reports per token: so IPO's reward accuracy agrees with its loss.
/// </summary>
public static class Dpo
{
    public static PreferenceOutput Hinge(Tensor policyChosen, Tensor policyRejected, Tensor referenceChosen, Tensor referenceRejected, double beta)
    {
        var (chosenRewards, rejectedRewards) = (beta * (policyChosen - referenceChosen), beta * (policyRejected - referenceRejected));
        var losses = nn.functional.relu(1 - (chosenRewards - rejectedRewards));
        return new PreferenceOutput(losses.mean(), chosenRewards.detach(), rejectedRewards.detach(), policyChosen.detach(), policyRejected.detach());
    }

    /// <summary>IPO: the log-ratios are averaged per completion token before the squared loss, and in its rewards and log-probs.</summary>
    public static PreferenceOutput Ipo(Models.SequenceLogProbs policyChosen, Models.SequenceLogProbs policyRejected,
        Models.SequenceLogProbs referenceChosen, Models.SequenceLogProbs referenceRejected, double beta)
    {
        var chosenRatio = (policyChosen.Sum - referenceChosen.Sum) / policyChosen.Tokens;
        var rejectedRatio = (policyRejected.Sum - referenceRejected.Sum) / policyRejected.Tokens;
        var losses = (chosenRatio - rejectedRatio - 1 / (2 * beta)).pow(2);
        return new PreferenceOutput(losses.mean(), (beta * chosenRatio).detach(), (beta * rejectedRatio).detach(),
            policyChosen.Mean.detach(), policyRejected.Mean.detach());
    }

    public static PreferenceOutput Sigmoid(Tensor policyChosen, Tensor policyRejected, Tensor referenceChosen, Tensor referenceRejected,
        double beta, double labelSmoothing = 0.0)
    {
        var chosenRewards = beta * (policyChosen - referenceChosen);
        var rejectedRewards = beta * (policyRejected - referenceRejected);
        var logits = chosenRewards - rejectedRewards;
        var losses = -(1 - labelSmoothing) * logsigmoid(logits) - labelSmoothing * logsigmoid(-logits);
        return new PreferenceOutput(losses.mean(), chosenRewards.detach(), rejectedRewards.detach(), policyChosen.detach(), policyRejected.detach());
    }
}

