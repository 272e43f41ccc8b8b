using static TorchSharp.torch;

namespace AlignDsl.Objectives;

/// <summary>
/// PPO's kernels, on per-token tensors [rows, length − 1] whose mask marks the sampled answer tokens (the end-of-sequence
/// token included when it was sampled). Per-token rewards are the k1 KL penalty −β·(log π_old − log π_ref) (TRL's and
/// OpenRLHF's default estimator), plus the score at each row's last answer token: its end of sequence, or the last token
/// of an answer cut at the budget (OpenRLHF's placement; TRL adds it one position later, past the end of sequence).
/// Advantages are GAE over the answer (δ_t = r_t + γ·V_{t+1} − V_t, the value after the last token 0,
/// A_t = δ_t + γλ·A_{t+1}), returns A + V_old, then the advantages whitened over the rollout's answer tokens (as TRL and
/// OpenRLHF do; rewards are not whitened, TRL's default). The loss is the clipped surrogate
/// −min(ratio·A, clip(ratio, 1 − ε, 1 + ε)·A) plus c·½·max((V − R)², (clip(V, V_old ± ε_v) − R)²), masked means over
/// the answer tokens (TRL's value loss also counts the position after the end of sequence, where its score sits).
/// </summary>
public static class Ppo
{
    /// <param name="scores">Each row's score from the reward model or function [rows].</param>
    /// <param name="oldLogProbs">The rollout policy's token log-probs, zero outside the mask.</param>
    /// <param name="referenceLogProbs">The reference model's token log-probs, zero outside the mask.</param>
    /// <param name="oldValues">The value model's values at rollout time.</param>
    public static PpoAdvantages Advantages(Tensor scores, Tensor oldLogProbs, Tensor referenceLogProbs, Tensor oldValues, Tensor mask,
        double klCoefficient, double gamma = 1.0, double lambda = 0.95)
    {
        using var _ = no_grad();
        // The recursion runs in float64, so long answers do not accumulate float32 rounding; the results return as float32.
        const ScalarType Wide = ScalarType.Float64;
        var wideMask = mask.to(Wide);
        var (rows, length) = (mask.shape[0], mask.shape[1]);
        var kl = (oldLogProbs.detach().to(Wide) - referenceLogProbs.detach().to(Wide)) * wideMask;
        var nonScore = -klCoefficient * kl;
        // The last answer token of each row: the masked position with the largest index (a row without one gets no score).
        var positions = arange(1, length + 1, dtype: Wide, device: mask.device);
        var last = (wideMask * positions).argmax(1, keepdim: true);
        var hasAnswer = (mask.sum(1, keepdim: true) > 0).to(Wide);
        var rewards = nonScore + zeros_like(wideMask).scatter(1, last, scores.detach().to(Wide).view(-1, 1) * hasAnswer);
        var values = oldValues.detach().to(Wide) * wideMask;
        var advantages = new Tensor[length];
        var next = zeros(rows, dtype: Wide, device: mask.device);
        var nextAdvantage = zeros(rows, dtype: Wide, device: mask.device);
        for (var t = length - 1; t >= 0; t--)
        {
            // Answers are contiguous and end before any padding, so the masked values after the last token are 0.
            var delta = rewards[.., t] + gamma * next - values[.., t];
            nextAdvantage = delta + gamma * lambda * nextAdvantage;
            advantages[t] = nextAdvantage;
            next = values[.., t];
        }
        var raw = stack(advantages, 1) * wideMask;
        var returns = raw + values;
        Tensor Narrow(Tensor x) => x.to(ScalarType.Float32);
        return new PpoAdvantages(Narrow(Whiten(raw, wideMask)), Narrow(returns), Narrow(rewards), Narrow(kl.sum(1)), Narrow(nonScore.sum(1)),
            scores.detach().to(ScalarType.Float32));
    }

    /// <param name="logProbs">The current policy's token log-probs (with gradients).</param>
    /// <param name="values">The current value model's values (with gradients).</param>
    /// <param name="clipRange">ε: how far the probability ratio may move before the surrogate stops rewarding it.</param>
    /// <param name="valueClipRange">ε_v: how far a value may move from its rollout-time value before the loss stops rewarding it.</param>
    public static PpoOutput Loss(Tensor logProbs, Tensor oldLogProbs, PpoAdvantages advantages, Tensor values, Tensor oldValues, Tensor mask,
        double clipRange, double valueClipRange, double valueCoefficient)
    {
        var logRatio = logProbs - oldLogProbs.detach();
        var ratio = logRatio.exp();
        var a = advantages.Advantages;
        var unclipped = -a * ratio;
        var clipped = -a * ratio.clamp(1 - clipRange, 1 + clipRange);
        var policyLoss = MaskedMean(maximum(unclipped, clipped), mask);

        var returns = advantages.Returns;
        var old = oldValues.detach();
        var clippedValues = old + (values - old).clamp(-valueClipRange, valueClipRange);
        var valueLosses = (values - returns).pow(2);
        var clippedValueLosses = (clippedValues - returns).pow(2);
        var valueLoss = 0.5 * MaskedMean(maximum(valueLosses, clippedValueLosses), mask);

        var loss = policyLoss + valueCoefficient * valueLoss;
        using var _ = no_grad();
        return new PpoOutput(loss, policyLoss.detach(), valueLoss.detach(),
            MaskedMean((clipped > unclipped).to(ScalarType.Float32), mask),
            MaskedMean((clippedValueLosses > valueLosses).to(ScalarType.Float32), mask),
            0.5 * MaskedMean(logRatio.detach().pow(2), mask),
            MaskedMean(ratio.detach(), mask),
            MaskedMean(values.detach(), mask));
    }

    /// <summary>
    /// TRL's <c>missing_eos_penalty</c>: <paramref name="penalty"/> subtracted from the score of each row whose answer was cut
    /// at the token budget before it sampled end of sequence (<paramref name="missingEos"/>: 1 for those rows, else 0).
    /// </summary>
    public static Tensor PenaliseMissingEos(Tensor scores, Tensor missingEos, double penalty) => scores - penalty * missingEos;

    /// <summary>The mean over masked positions; an empty mask gives 0, not NaN.</summary>
    internal static Tensor MaskedMean(Tensor x, Tensor mask) => (x * mask).sum() / mask.sum().clamp_min(1);

    /// <summary>Mean 0 and (unbiased) standard deviation 1 over the masked positions, 0 elsewhere, as TRL whitens advantages.</summary>
    internal static Tensor Whiten(Tensor x, Tensor mask)
    {
        var count = mask.sum();
        var mean = (x * mask).sum() / count.clamp_min(1);
        var centred = (x - mean) * mask;
        var variance = centred.pow(2).sum() / (count - 1).clamp_min(1);
        return centred * (variance + 1e-8).rsqrt();
    }
}

/// <summary>
/// What <see cref="Ppo.Advantages"/> derives from a rollout, all detached: whitened advantages, returns and per-token
/// rewards [rows, length − 1]; each row's summed KL to the reference, its KL penalty and its score [rows].
/// </summary>
public sealed record PpoAdvantages(Tensor Advantages, Tensor Returns, Tensor Rewards, Tensor Kl, Tensor NonScoreReward, Tensor Scores)
{
    /// <summary>The rows <paramref name="rows"/> of every tensor, for a mini-batch of the rollout.</summary>
    public PpoAdvantages Rows(Tensor rows) => new(Advantages.index_select(0, rows), Returns.index_select(0, rows), Rewards.index_select(0, rows),
        Kl.index_select(0, rows), NonScoreReward.index_select(0, rows), Scores.index_select(0, rows));

    /// <summary>TRL's rollout figures: the RLHF reward is the score plus the KL penalty.</summary>
    public IEnumerable<(string Name, Tensor Value)> Metrics()
    {
        yield return ("objective/kl", Kl.mean());
        yield return ("objective/non_score_reward", NonScoreReward.mean());
        yield return ("objective/rlhf_reward", (Scores + NonScoreReward).mean());
        yield return ("objective/scores", Scores.mean());
    }
}

/// <summary>
/// A PPO update's loss (policy loss + c·value loss) and its figures in TRL's names: both losses, the share of tokens
/// whose policy ratio or value was clipped, the approximate KL to the rollout policy (½·mean (log ratio)²), the mean
/// ratio and the mean value.
/// </summary>
public sealed record PpoOutput(Tensor Loss, Tensor PolicyLoss, Tensor ValueLoss, Tensor PolicyClipFraction, Tensor ValueClipFraction,
    Tensor ApproxKl, Tensor Ratio, Tensor MeanValue) : IObjectiveOutput
{
    public IEnumerable<(string Name, Tensor Value)> Metrics()
    {
        yield return ("loss", Loss.detach());
        yield return ("loss/policy_avg", PolicyLoss);
        yield return ("loss/value_avg", ValueLoss);
        yield return ("policy/clipfrac_avg", PolicyClipFraction);
        yield return ("val/clipfrac_avg", ValueClipFraction);
        yield return ("policy/approxkl_avg", ApproxKl);
        yield return ("val/ratio", Ratio);
        yield return ("val/mean", MeanValue);
    }
}
