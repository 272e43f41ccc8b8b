using static TorchSharp.torch;

namespace AlignDsl.Objectives;

/// <summary>
/// RLOO as TRL computes it, rows in groups of k answers to one prompt. Each answer's reward is its score minus
/// β·Σ_t (log π_old − log π_ref) over its tokens (the first-order KL estimate, summed per answer, as a reward penalty);
/// its advantage is that reward minus the mean reward of the other k − 1 answers in its group. The update clips the
/// ratio of whole answers, exp(Σ log π − Σ log π_old): −min(ratio·A, clip(ratio, 1 − ε, 1 + ε)·A), averaged over answers.
/// </summary>
public static class Rloo
{
    /// <param name="scores">Each answer's reward [rows], in groups of <paramref name="generations"/>.</param>
    /// <param name="oldLogProbs">The rollout policy's token log-probs, zero outside the mask.</param>
    /// <param name="referenceLogProbs">The reference's token log-probs; null when β is 0 and no reference is kept.</param>
    public static RlooAdvantages Advantages(Tensor scores, Tensor oldLogProbs, Tensor? referenceLogProbs, Tensor mask, int generations, double beta)
    {
        using var _ = no_grad();
        var score = scores.detach().to(ScalarType.Float32);
        var rewards = score;
        Tensor? kl = null;
        if (referenceLogProbs is not null && beta != 0)
        {
            // TRL's RLOO estimate, first order and summed per answer (it can be negative): Σ_t (log π_old − log π_ref).
            var perToken = (oldLogProbs.detach() - referenceLogProbs.detach()) * mask;
            rewards = score - beta * perToken.sum(1);
            kl = perToken.sum() / mask.sum().clamp_min(1);
        }
        var groups = RewardGroups.Of(rewards, generations);
        // The others' mean: (k·mean − r) / (k − 1).
        var baseline = (groups.Mean * generations - rewards) / (generations - 1);
        return new RlooAdvantages(rewards - baseline, score, groups, kl);
    }

    /// <param name="logProbs">The current policy's token log-probs (with gradients).</param>
    /// <param name="oldLogProbs">The rollout policy's token log-probs.</param>
    /// <param name="advantages">Each answer's advantage [rows].</param>
    public static RlooOutput Loss(Tensor logProbs, Tensor oldLogProbs, Tensor advantages, Tensor mask, double clipRange)
    {
        var logRatio = ((logProbs - oldLogProbs.detach()) * mask).sum(1);
        var ratio = logRatio.exp();
        var a = advantages.detach();
        var loss = -minimum(ratio * a, ratio.clamp(1 - clipRange, 1 + clipRange) * a).mean();
        using var _ = no_grad();
        var answered = (mask.sum(1) > 0).to(ScalarType.Float32);
        return new RlooOutput(loss, ClipRatios.Of(ratio, a, answered, clipRange).ToList());
    }
}

/// <summary>
/// What <see cref="Rloo.Advantages"/> derives, all detached: leave-one-out advantages [rows], the scores before the KL
/// penalty (TRL's <c>reward</c>), the groups of penalised rewards (whose spread gives <c>frac_reward_zero_std</c>) and
/// the mean KL per token (null without a reference).
/// </summary>
public sealed record RlooAdvantages(Tensor Advantages, Tensor Scores, RewardGroups Groups, Tensor? Kl)
{
    /// <summary>TRL's <c>reward</c>, <c>reward_std</c>, <c>frac_reward_zero_std</c>, and <c>kl</c> (mean log π_old − log π_ref per token) when β &gt; 0.</summary>
    public IEnumerable<(string Name, Tensor Value)> Metrics()
    {
        foreach (var metric in RewardGroups.Metrics(Scores, Groups)) yield return metric;
        if (Kl is not null) yield return ("kl", Kl);
    }
}

/// <summary>An RLOO update's loss and its <c>clip_ratio/*</c> figures, per answer.</summary>
public sealed record RlooOutput(Tensor Loss, IReadOnlyList<(string Name, Tensor Value)> ClipRatios) : IObjectiveOutput
{
    public IEnumerable<(string Name, Tensor Value)> Metrics()
    {
        yield return ("loss", Loss.detach());
        foreach (var ratio in ClipRatios) yield return ratio;
    }
}
