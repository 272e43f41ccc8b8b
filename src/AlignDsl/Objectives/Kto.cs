using static TorchSharp.torch;

namespace AlignDsl.Objectives;

/// <summary>
/// KTO on unpaired feedback, as TRL computes it. r = log π(y|x) − log π_ref(y|x) (summed);
/// z = max(0, mean over the batch of the same log-ratio for mismatched (x, y') pairs), detached;
/// desirable: λ_D·(1 − σ(β(r − z))), undesirable: λ_U·(1 − σ(β(z − r))), averaged over the batch.
/// </summary>
public static class Kto
{
    /// <param name="desirable">1 for desirable completions, 0 for undesirable, [rows].</param>
    /// <param name="mismatchedPolicy">log π of each prompt with another row's completion: the KL estimate's samples.</param>
    public static KtoOutput Loss(Tensor policy, Tensor reference, Tensor desirable, Tensor mismatchedPolicy, Tensor mismatchedReference,
        double beta, double desirableWeight = 1.0, double undesirableWeight = 1.0)
    {
        var kl = (mismatchedPolicy - mismatchedReference).mean().clamp_min(0).detach();
        var logRatio = policy - reference;
        var desirableLosses = desirableWeight * (1 - nn.functional.sigmoid(beta * (logRatio - kl)));
        var undesirableLosses = undesirableWeight * (1 - nn.functional.sigmoid(beta * (kl - logRatio)));
        var losses = where(desirable > 0.5, desirableLosses, undesirableLosses);
        return new KtoOutput(losses.mean(), (beta * logRatio).detach(), desirable, kl, policy.detach());
    }
}

/// <summary>A KTO step's loss and figures in TRL's names: rewards of desirable and undesirable rows, and the KL baseline.</summary>
public sealed record KtoOutput(Tensor Loss, Tensor Rewards, Tensor Desirable, Tensor Kl, Tensor LogProbs) : IObjectiveOutput
{
    public IEnumerable<(string Name, Tensor Value)> Metrics()
    {
        var desirable = Desirable.to(ScalarType.Float32);
        var undesirable = 1 - desirable;
        // Means over the rows of each kind; a batch without one kind contributes 0 (clamped count avoids 0/0).
        yield return ("loss", Loss.detach());
        yield return ("rewards/chosen", (Rewards * desirable).sum() / desirable.sum().clamp_min(1));
        var rejected = (Rewards * undesirable).sum() / undesirable.sum().clamp_min(1);
        yield return ("rewards/rejected", rejected);
        yield return ("rewards/margins", (Rewards * desirable).sum() / desirable.sum().clamp_min(1) - rejected);
        yield return ("logps/chosen", (LogProbs * desirable).sum() / desirable.sum().clamp_min(1));
        yield return ("logps/rejected", (LogProbs * undesirable).sum() / undesirable.sum().clamp_min(1));
        yield return ("kl", Kl);
    }
}
