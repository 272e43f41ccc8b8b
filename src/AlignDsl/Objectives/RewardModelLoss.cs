using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace AlignDsl.Objectives;

/// <summary>
/// Bradley–Terry reward-model loss: −log σ(r_w − r_l − margin), plus c·mean((r_w + r_l)²) when reward centring is
/// asked for (TRL's <c>center_rewards_coefficient</c>), averaged over pairs.
/// </summary>
public static class RewardModelLoss
{
    /// <param name="weights">
    /// Per-pair weights w [pairs], or null. Given, the Bradley–Terry term is the weighted mean
    /// Σ wᵢ·(−log σ(r_w − r_l − margin)) / Σ wᵢ over the batch (with all weights 1, the plain mean): with a ranking's
    /// pairs weighted 1/C(k,2), each ranked prompt weighs the same, as in InstructGPT. The centring term stays a
    /// plain mean.
    /// </param>
    /// <param name="margins">
    /// Per-pair margins from the data [pairs] (TRL's <c>margin</c> column), NaN where a pair has none, or null: a pair's own
    /// margin replaces the declared <paramref name="margin"/>.
    /// </param>
    public static RewardModelOutput BradleyTerry(Tensor chosenRewards, Tensor rejectedRewards, double margin = 0.0, double centering = 0.0,
        Tensor? weights = null, Tensor? margins = null)
    {
        var perPair = margins is null
            ? -logsigmoid(chosenRewards - rejectedRewards - margin)
            : -logsigmoid(chosenRewards - rejectedRewards - where(margins.isnan(), full_like(margins, margin), margins).to(chosenRewards.dtype));
        var loss = weights is null ? perPair.mean() : (weights * perPair).sum() / weights.sum();
        if (centering > 0) loss = loss + centering * (chosenRewards + rejectedRewards).pow(2).mean();
        return new RewardModelOutput(loss, chosenRewards.detach(), rejectedRewards.detach());
    }
}

/// <summary>
/// A reward-model step's loss and its figures: the pairwise ones (rewards/*) and TRL's RewardTrainer's own names, accuracy,
/// margin and the smallest, mean and largest reward of the batch.
/// </summary>
public sealed record RewardModelOutput(Tensor Loss, Tensor ChosenRewards, Tensor RejectedRewards) : IObjectiveOutput
{
    public IEnumerable<(string Name, Tensor Value)> Metrics()
    {
        foreach (var metric in PreferenceOutput.RewardMetrics(Loss, ChosenRewards, RejectedRewards)) yield return metric;
        var all = cat([ChosenRewards, RejectedRewards]);
        yield return ("accuracy", (ChosenRewards > RejectedRewards).to(ScalarType.Float32).mean());
        yield return ("margin", (ChosenRewards - RejectedRewards).mean());
        yield return ("min_reward", all.min());
        yield return ("mean_reward", all.mean());
        yield return ("max_reward", all.max());
    }
}
