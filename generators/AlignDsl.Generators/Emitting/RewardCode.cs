using AlignDsl.Generators.Model;
using static AlignDsl.Generators.Emitting.CodeWriter;

namespace AlignDsl.Generators.Emitting;

/// <summary>
/// The reward of an online objective, as generated code builds, passes and calls it: a frozen reward model of another
/// experiment, or a reward function. Every objective that samples answers writes its reward through this one place.
/// </summary>
internal sealed class RewardCode(RewardSourceModel? reward)
{
    private const string Models = "global::AlignDsl.Models";

    public bool IsModel => reward is { IsModel: true };

    /// <summary>What scores answers, for the class summary: "a reward model" or "a reward function".</summary>
    public string Description => IsModel ? "a reward model" : "a reward function";

    /// <summary>The local holding the reward, passed to <c>TrainStep</c>.</summary>
    public string Argument => IsModel ? "rewardModel" : "reward";

    /// <summary>The <c>TrainStep</c> parameter receiving <see cref="Argument"/>.</summary>
    public string Parameter => IsModel ? $"{Models}.RewardModel rewardModel" : "global::AlignDsl.Rewards.IRewardFunction reward";

    /// <summary>An expression for each sampled answer's score [rows], given the local holding the rollout.</summary>
    public string Scores(string rollout) => IsModel ? $"rewardModel.Rewards({rollout}.Batch)" : $"{rollout}.Score(reward)";

    /// <summary>Declares the reward in the set-up; the policy (<c>policy</c>) is already built.</summary>
    public void EmitSetUp(CodeWriter w)
    {
        if (reward is { IsModel: true, ExperimentName: { } rewardFrom })
        {
            w.Line($"// The reward: {Comment(rewardFrom)}'s trained reward model, frozen.");
            w.Line($"using var rewardModel = run.LoadRewardModel({ExperimentEmitter.Quote(rewardFrom)}, policy);");
        }
        else
        {
            w.Line("// The reward: a function of prompt and answer.");
            w.Line($"var reward = new {reward?.FunctionType}();");
        }
    }
}
