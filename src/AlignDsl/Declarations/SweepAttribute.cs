namespace AlignDsl;

/// <summary>
/// Expands the experiment, at compile time, into one experiment per value of one numeric setting: the objective's (β,
/// PPO's <c>KlCoefficient</c>, …) or the training's <c>LearningRate</c>. Each member is named
/// <c>&lt;name&gt;-&lt;setting&gt;-&lt;value&gt;</c> (<c>gym-dpo-sweep-beta-0.05</c>) and generated with its value folded in;
/// <c>sweep &lt;name&gt;</c> runs them all and draws them on one reward–KL frontier (docs/sweeps.md).
/// </summary>
/// <param name="setting">The setting's name, best written <c>nameof(Beta)</c> (the generator declares a member of that name).</param>
/// <param name="values">The values, one experiment each.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SweepAttribute(string setting, params double[] values) : Attribute
{
    public string Setting { get; } = setting;

    public IReadOnlyList<double> Values { get; } = values;
}
