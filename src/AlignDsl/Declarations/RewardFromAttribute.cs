namespace AlignDsl;

/// <summary>PPO's reward: the trained reward model of another experiment (one declared with <c>[RewardModel]</c>), frozen.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RewardFromAttribute(Type experiment) : Attribute
{
    public Type Experiment { get; } = experiment;
}

/// <summary>
/// PPO's reward: a function of prompt and answer, a type implementing <c>AlignDsl.Rewards.IRewardFunction</c> with a public
/// parameterless constructor (a verifiable reward, or the gym's ground truth).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RewardFunctionAttribute(Type function) : Attribute
{
    public Type Function { get; } = function;
}
