using AlignDsl.Generators.Model;
using static AlignDsl.Generators.Emitting.CodeWriter;

namespace AlignDsl.Generators.Emitting;

/// <summary>
/// The reward of an online objective, as generated code builds, passes and calls it: a frozen reward model of another
/// experiment, a reward function, or the weighted sum of several rewards (reward model, functions, the class's
/// <c>[Reward]</c> methods). Every objective that samples answers writes its reward through this one place.
/// </summary>
internal sealed class RewardCode(RewardsModel? rewards)
{
    private const string Models = "global::AlignDsl.Models", Rewards = "global::AlignDsl.Rewards";

    /// <summary>The step's metric set, to which a weighted sum adds each reward's mean (every TrainStep names it so).</summary>
    public const string MetricsLocal = "metrics";

    /// <summary>The local holding the reward model, when one is among the rewards (alone or in a weighted sum).</summary>
    public const string ModelLocal = "rewardModel";

    /// <summary>Whether a reward model is among the rewards: resident while training.</summary>
    public bool IsModel => rewards is { IsModel: true };

    /// <summary>Several rewards, a weight other than 1 or a [Reward] method: scored as a weighted sum, each reward logged.</summary>
    public bool IsWeightedSum => rewards is { IsSingle: false };

    /// <summary>What scores answers, for the class summary: "a reward model", "a reward function" or the weighted sum.</summary>
    public string Description => IsWeightedSum ? "the weighted sum " + Sum
        : IsModel ? "a reward model" : "a reward function";

    /// <summary>The local holding the reward, passed to <c>TrainStep</c>.</summary>
    public string Argument => IsWeightedSum ? "rewards" : IsModel ? "rewardModel" : "reward";

    /// <summary>The <c>TrainStep</c> parameter receiving <see cref="Argument"/>.</summary>
    public string Parameter => IsWeightedSum ? $"{Rewards}.WeightedRewards rewards"
        : IsModel ? $"{Models}.RewardModel rewardModel" : $"{Rewards}.IRewardFunction reward";

    /// <summary>
    /// An expression for each sampled answer's score [rows], given the local holding the rollout. A weighted sum also
    /// logs each reward's mean, to the step's <see cref="MetricsLocal"/>.
    /// </summary>
    public string Scores(string rollout) => IsWeightedSum ? $"rewards.Score({rollout}, {MetricsLocal})"
        : IsModel ? $"rewardModel.Rewards({rollout}.Batch)" : $"{rollout}.Score(reward)";

    /// <summary>Declares the reward in the set-up; the policy (<c>policy</c>) is already built.</summary>
    public void EmitSetUp(CodeWriter w)
    {
        var model = rewards?.Model;
        if (IsWeightedSum)
            w.Line($"// The rewards: each answer scores {Comment(Sum)}; each reward's mean is logged as rewards/<name>/mean.");
        else if (model is null)
            w.Line("// The reward: a function of prompt and answer.");
        if (model is { ExperimentName: { } rewardFrom })
        {
            w.Line($"// {(IsWeightedSum ? "The reward model" : "The reward")}: {Comment(rewardFrom)}'s trained reward model, frozen.");
            w.Line($"using var {ModelLocal} = run.LoadRewardModel({ExperimentEmitter.Quote(rewardFrom)}, policy);");
        }
        if (!IsWeightedSum)
        {
            if (model is null) w.Line($"var reward = new {rewards?.Sources.FirstOrDefault()?.FunctionType}();");
            return;
        }
        w.Line($"var rewards = new {Rewards}.WeightedRewards(");
        w.Indent();
        var sources = rewards!.Sources;
        for (var i = 0; i < sources.Count; i++)
            w.Line(Component(sources[i]) + (i < sources.Count - 1 ? "," : ");"));
        w.Outdent();
    }

    /// <summary>One reward of the sum: the reward model, a new function, or the method called directly (no reflection).</summary>
    private static string Component(RewardSourceModel source)
    {
        var (name, weight) = (ExperimentEmitter.Quote(source.Name), Literal(source.Weight));
        if (source.IsModel) return $"{Rewards}.WeightedReward.Model({name}, {weight}, rewardModel)";
        if (source.MethodCall is not { } method) return $"{Rewards}.WeightedReward.Function({name}, {weight}, new {source.FunctionType}())";
        // A float or int result widens to double in a lambda; a double method converts as it is.
        return source.MethodReturnsDouble
            ? $"{Rewards}.WeightedReward.Method({name}, {weight}, {method})"
            : $"{Rewards}.WeightedReward.Method({name}, {weight}, (prompt, completion) => {method}(prompt, completion))";
    }

    /// <summary>The sum as a formula, for comments and the summary: "0.5 × gym-rm + 1 × Correct(prompt, completion)".</summary>
    private string Sum => string.Join(" + ", rewards!.Sources.Select(s =>
        $"{Literal(s.Weight)} × {s.Name}{(s.Method is null ? "" : "(prompt, completion)")}"));
}
