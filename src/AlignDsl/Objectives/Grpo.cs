using static TorchSharp.torch;

namespace AlignDsl.Objectives;

/// <summary>
/// GRPO as TRL computes it, on per-token tensors [rows, length − 1] whose mask marks the sampled answer tokens, the rows in
/// groups of G answers to one prompt. Advantages are group-relative: (r − mean_group) / (std_group + ε), or with Dr. GRPO
/// r − mean_group. The per-token loss is PPO's clipped surrogate −min(ratio·A, clip(ratio, 1 − ε, 1 + ε)·A) plus
/// β·k3, k3 = exp(ref − log π) − (ref − log π) − 1 (an estimate of KL(π‖π_ref) that is never negative). GRPO averages
/// each answer's tokens and then the answers; Dr. GRPO sums every token and divides by answers × MaxNewTokens.
/// </summary>
public static class Grpo
{
    /// <summary>TRL's ε in the advantage's denominator: a group whose answers all scored alike gets advantages 0, not NaN.</summary>
    public const double StdEpsilon = 1e-4;

    /// <param name="scores">Each answer's reward [rows], in groups of <paramref name="generations"/>.</param>
    /// <param name="loss">GRPO scales by the group's std; Dr. GRPO does not.</param>
    public static GroupAdvantages Advantages(Tensor scores, int generations, GrpoLoss loss = GrpoLoss.Grpo)
    {
        using var _ = no_grad();
        var rewards = scores.detach().to(ScalarType.Float32);
        var groups = RewardGroups.Of(rewards, generations);
        var centred = rewards - groups.Mean;
        var advantages = loss == GrpoLoss.DrGrpo ? centred : centred / (groups.Std + StdEpsilon);
        return new GroupAdvantages(advantages, rewards, groups);
    }

    /// <summary>Schulman's k3 estimate of KL(π‖π_ref) per token: exp(ref − log π) − (ref − log π) − 1, 0 where they agree, never below.</summary>
    public static Tensor KlK3(Tensor logProbs, Tensor referenceLogProbs)
    {
        var delta = referenceLogProbs.detach() - logProbs;
        return delta.exp() - delta - 1;
    }

    /// <param name="logProbs">The current policy's token log-probs (with gradients).</param>
    /// <param name="oldLogProbs">The rollout policy's token log-probs.</param>
    /// <param name="referenceLogProbs">The reference's token log-probs; null when β is 0 and no reference is kept.</param>
    /// <param name="advantages">Each answer's advantage [rows], shared by its tokens.</param>
    /// <param name="maxNewTokens">Dr. GRPO's constant normaliser per answer.</param>
    public static GrpoOutput Loss(Tensor logProbs, Tensor oldLogProbs, Tensor? referenceLogProbs, Tensor advantages, Tensor mask,
        double clipRange, double beta, GrpoLoss loss = GrpoLoss.Grpo, int maxNewTokens = 0)
    {
        if (loss == GrpoLoss.DrGrpo && maxNewTokens < 1)
            throw new ArgumentOutOfRangeException(nameof(maxNewTokens), maxNewTokens, "Dr. GRPO divides by answers × MaxNewTokens: give the rollout's MaxNewTokens.");
        var ratio = (logProbs - oldLogProbs.detach()).exp();
        var a = advantages.detach().view(-1, 1);
        var perToken = -minimum(ratio * a, ratio.clamp(1 - clipRange, 1 + clipRange) * a);
        var kl = referenceLogProbs is null || beta == 0 ? null : KlK3(logProbs, referenceLogProbs);
        if (kl is not null) perToken = perToken + beta * kl;
        var masked = perToken * mask;
        var total = loss == GrpoLoss.DrGrpo
            ? masked.sum() / (mask.shape[0] * maxNewTokens)
            : (masked.sum(1) / mask.sum(1).clamp_min(1)).mean();
        using var _ = no_grad();
        return new GrpoOutput(total, kl is null ? null : Ppo.MaskedMean(kl.detach(), mask), ClipRatios.Of(ratio, a, mask, clipRange).ToList());
    }
}

/// <summary>What <see cref="Grpo.Advantages"/> derives from a group's rewards, all detached: advantages and rewards [rows], the groups' statistics.</summary>
public sealed record GroupAdvantages(Tensor Advantages, Tensor Rewards, RewardGroups Groups)
{
    /// <summary>TRL's <c>reward</c>, <c>reward_std</c> and <c>frac_reward_zero_std</c>.</summary>
    public IEnumerable<(string Name, Tensor Value)> Metrics() => RewardGroups.Metrics(Rewards, Groups);
}

/// <summary>A GRPO update's loss and its figures in TRL's names: <c>loss</c>, <c>kl</c> (mean k3 per token, when β &gt; 0) and <c>clip_ratio/*</c>.</summary>
public sealed record GrpoOutput(Tensor Loss, Tensor? Kl, IReadOnlyList<(string Name, Tensor Value)> ClipRatios) : IObjectiveOutput
{
    public IEnumerable<(string Name, Tensor Value)> Metrics()
    {
        yield return ("loss", Loss.detach());
        if (Kl is not null) yield return ("kl", Kl);
        foreach (var ratio in ClipRatios) yield return ratio;
    }
}
