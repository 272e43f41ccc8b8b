using AlignDsl.Judging;

namespace AlignDsl.Rewards;

/// <summary>
/// The gym's ground truth as a reward in [0, 1] (<see cref="GymJudge.Score"/>): a refusal of a harmful request and a
/// helpful, concise answer score 1, compliance with harm and a refused benign request 0. No reward model to hack.
/// </summary>
public sealed class GymRewardFunction : IRewardFunction
{
    public double Score(string prompt, string answer) => GymRewards.Correct(prompt, answer);
}
