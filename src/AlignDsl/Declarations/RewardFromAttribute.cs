namespace AlignDsl;

/// <summary>
/// A reward of an online objective: the trained reward model of another experiment (one declared with
/// <c>[RewardModel]</c>), frozen. With other rewards, an answer's score is the sum of each reward times its
/// <see cref="Weight"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RewardFromAttribute(Type experiment) : Attribute
{
    public Type Experiment { get; } = experiment;

    /// <summary>What the reward model's score counts for in the weighted sum of the rewards: a finite number above 0.</summary>
    public double Weight { get; set; } = 1.0;
}

/// <summary>
/// A reward of an online objective: a function of prompt and answer, a type implementing
/// <c>AlignDsl.Rewards.IRewardFunction</c> with a public parameterless constructor (a verifiable reward, or the gym's
/// ground truth). Several may be declared, each with its <see cref="Weight"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RewardFunctionAttribute(Type function) : Attribute
{
    public Type Function { get; } = function;

    /// <summary>What the function's score counts for in the weighted sum of the rewards: a finite number above 0.</summary>
    public double Weight { get; set; } = 1.0;
}

/// <summary>
/// Marks a method of the experiment class as a reward of its online objective:
/// <c>[Reward(Weight = 0.5)] static double Brief(string prompt, string completion) =&gt; …</c>. The generated loop
/// calls it for every sampled answer and adds its score, times <see cref="Weight"/>, to the answer's reward.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class RewardAttribute : Attribute
{
    /// <summary>What the method's score counts for in the weighted sum of the rewards: a finite number above 0.</summary>
    public double Weight { get; set; } = 1.0;
}
