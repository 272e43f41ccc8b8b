using AlignDsl.Reporting;
using AlignDsl.Training;
using static TorchSharp.torch;

namespace AlignDsl.Rewards;

/// <summary>
/// Several rewards as one: an answer's score is the sum of each reward's score times its weight. Each reward's own mean
/// is logged as <c>rewards/&lt;name&gt;/mean</c> (TRL's GRPO names), so what moved the total can be read off the run.
/// </summary>
public sealed class WeightedRewards
{
    private readonly IReadOnlyList<WeightedReward> _rewards;

    public WeightedRewards(params WeightedReward[] rewards)
    {
        if (rewards.Length == 0) throw new ArgumentException("An online objective needs at least one reward.", nameof(rewards));
        foreach (var reward in rewards)
            if (!double.IsFinite(reward.Weight) || reward.Weight <= 0)
                throw new ArgumentOutOfRangeException(nameof(rewards), reward.Weight, $"The weight of reward '{reward.Name}' must be a finite number above 0.");
        if (rewards.GroupBy(r => r.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"Two rewards are named '{twice.Key}': each is logged by its name.", nameof(rewards));
        _rewards = rewards;
    }

    /// <summary>The rewards in declaration order.</summary>
    public IReadOnlyList<WeightedReward> Rewards => _rewards;

    /// <summary>The metric each reward's mean is logged as.</summary>
    public static string MetricOf(string name) => $"rewards/{name}/mean";

    /// <summary>Each answer's weighted sum of the rewards [rows], on the batch's device; adds each reward's mean to <paramref name="metrics"/>.</summary>
    public Tensor Score(Rollout rollout, MetricSet metrics)
    {
        Tensor? total = null;
        foreach (var reward in _rewards)
        {
            var scores = reward.Scores(rollout).to(ScalarType.Float32);
            metrics.Add(MetricOf(reward.Name), scores.mean());
            var weighted = scores * reward.Weight;
            total = total is null ? weighted : total + weighted;
        }
        return total!;
    }
}
