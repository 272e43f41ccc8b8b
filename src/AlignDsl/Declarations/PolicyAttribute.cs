using AlignDsl.Declarations;

namespace AlignDsl;

/// <summary>
/// The policy an experiment trains: the tiny pre-LN GPT preset with its size, or the trained policy of another
/// experiment (<see cref="InitFrom"/>), whose size and vocabulary it then inherits.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PolicyAttribute : Attribute
{
    /// <summary>An experiment class whose final checkpoint this experiment starts from.</summary>
    public Type? InitFrom { get; set; }

    public int Layers { get; set; } = Defaults.Layers;
    public int ModelDim { get; set; } = Defaults.ModelDim;
    public int Heads { get; set; } = Defaults.Heads;

    /// <summary>The longest sequence the model can attend over (its position table).</summary>
    public int Context { get; set; } = Defaults.Context;
}
