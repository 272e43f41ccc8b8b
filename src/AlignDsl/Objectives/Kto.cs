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

/// <summary>
/// A KTO step's loss and figures in TRL's names. Rewards and log-probs of desirable (<c>chosen</c>) and undesirable
/// (<c>rejected</c>) rows are pooled over the logging window, as TRL's KTO trainer logs sums and counts and divides
/// when it logs: a batch without one kind adds nothing to that kind's figures, and <c>rewards/margins</c> (chosen
/// mean − rejected mean) appears only when the window saw both.
/// </summary>
public sealed record KtoOutput(Tensor Loss, Tensor Rewards, Tensor Desirable, Tensor Kl, Tensor LogProbs) : IObjectiveOutput
{
    public IEnumerable<(string Name, Tensor Value)> Metrics()
    {
        yield return ("loss", Loss.detach());
        yield return ("kl", Kl);
    }

    public IEnumerable<PooledMean> PooledMeans()
    {
        var desirable = Desirable.to(ScalarType.Float32);
        var undesirable = 1 - desirable;
        var (chosen, rejected) = (desirable.sum(), undesirable.sum());
        yield return new PooledMean("rewards/chosen", (Rewards * desirable).sum(), chosen);
        yield return new PooledMean("rewards/rejected", (Rewards * undesirable).sum(), rejected);
        yield return new PooledMean("logps/chosen", (LogProbs * desirable).sum(), chosen);
        yield return new PooledMean("logps/rejected", (LogProbs * undesirable).sum(), rejected);
    }

    public IEnumerable<MeanDifference> MeanDifferences() => [new("rewards/margins", "rewards/chosen", "rewards/rejected")];
}
