using AlignDsl.Models;
using AlignDsl.Training;
using static TorchSharp.torch;

namespace AlignDsl.Rewards;

/// <summary>
/// One reward of several: its name (for its metric <c>rewards/&lt;name&gt;/mean</c>), its weight in the sum, and how it
/// scores a rollout's answers [rows].
/// </summary>
public sealed record WeightedReward(string Name, double Weight, Func<Rollout, Tensor> Scores)
{
    /// <summary>A frozen reward model's score of each answer.</summary>
    public static WeightedReward Model(string name, double weight, RewardModel model) => new(name, weight, rollout => model.Rewards(rollout.Batch));

    /// <summary>A reward function's score of each answer.</summary>
    public static WeightedReward Function(string name, double weight, IRewardFunction function) => new(name, weight, rollout => rollout.Score(function));

    /// <summary>A method of the experiment class, called directly for each answer with its prompt.</summary>
    public static WeightedReward Method(string name, double weight, Func<string, string, double> method) =>
        Function(name, weight, new MethodReward(method));

    private sealed class MethodReward(Func<string, string, double> method) : IRewardFunction
    {
        public double Score(string prompt, string answer) => method(prompt, answer);
    }
}
