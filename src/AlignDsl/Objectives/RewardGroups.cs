using static TorchSharp.torch;

namespace AlignDsl.Objectives;

/// <summary>
/// Rewards [rows] of answers sampled in groups: rows g·k … g·k + k − 1 answer the same prompt (as <c>Rollout</c> lays
/// them out). Each group's mean and unbiased standard deviation, repeated onto its rows, as GRPO and RLOO read them.
/// </summary>
public sealed record RewardGroups(Tensor Mean, Tensor Std)
{
    /// <param name="rewards">One reward per row [rows]; rows a multiple of <paramref name="generations"/>.</param>
    /// <param name="generations">Answers per prompt, at least 2 (ALIGN080).</param>
    public static RewardGroups Of(Tensor rewards, int generations)
    {
        if (generations < 2) throw new ArgumentOutOfRangeException(nameof(generations), generations, "A group needs at least two answers.");
        if (rewards.shape[0] % generations != 0)
            throw new ArgumentException($"{rewards.shape[0]} rewards do not split into groups of {generations}.", nameof(rewards));
        using var _ = no_grad();
        var grouped = rewards.detach().view(-1, generations);
        var mean = grouped.mean([1], keepdim: true);
        var std = ((grouped - mean).pow(2).sum(1, keepdim: true) / (generations - 1)).sqrt();
        return new RewardGroups(mean.expand_as(grouped).reshape(-1), std.expand_as(grouped).reshape(-1));
    }

    /// <summary>
    /// TRL's reward figures: the mean reward, its spread over every row (<c>reward_std</c>) and the share of groups whose
    /// answers all scored the same (<c>frac_reward_zero_std</c>: they teach nothing).
    /// </summary>
    public static IEnumerable<(string Name, Tensor Value)> Metrics(Tensor rewards, RewardGroups groups)
    {
        var r = rewards.detach();
        yield return ("reward", r.mean());
        yield return ("reward_std", r.std());
        yield return ("frac_reward_zero_std", isclose(groups.Std, zeros_like(groups.Std)).to(ScalarType.Float32).mean());
    }
}
