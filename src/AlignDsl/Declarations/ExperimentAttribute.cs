namespace AlignDsl;

/// <summary>
/// Marks a <c>partial</c> class as an alignment experiment. The generator validates the class's other attributes
/// and emits its training loop, evaluation harness and <see cref="ExperimentDescriptor"/>.
/// </summary>
/// <param name="name">The name used on the command line (<c>run NAME</c>) and for the run folder.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ExperimentAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
