using AlignDsl.Models;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace AlignDsl.Objectives;

/// <summary>
/// SimPO (reference-free): rewards are β·(mean log π per completion token);
/// loss = −log σ(β·(avg log π(y_w) − avg log π(y_l)) − γ), plus λ·NLL(y_w) when an SFT term is asked for.
/// </summary>
public static class SimPo
{
    public static PreferenceOutput Loss(SequenceLogProbs chosen, SequenceLogProbs rejected, double beta, double gamma, double sftWeight = 0.0)
    {
        var (chosenRewards, rejectedRewards) = (beta * chosen.Mean, beta * rejected.Mean);
        var loss = -logsigmoid(chosenRewards - rejectedRewards - gamma).mean();
        if (sftWeight > 0) loss = loss + sftWeight * (-chosen.Sum.sum() / chosen.Tokens.sum());
        // Log-probs per token, as TRL's CPO trainer reports them for SimPO.
        return new PreferenceOutput(loss, chosenRewards.detach(), rejectedRewards.detach(), chosen.Mean.detach(), rejected.Mean.detach());
    }
}
