namespace AlignDsl;

/// <summary>
/// Declares an evaluation suite, run before training, every <c>EvalEvery</c> steps and after training, in declaration
/// order. The type must implement <see cref="Evaluation.IEvalSuite"/> and have a public parameterless constructor.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class EvalSuiteAttribute(Type suite) : Attribute
{
    public Type Suite { get; } = suite;
}
