namespace AlignDsl;

/// <summary>
/// The fluent declaration form: inside an <c>[Experiment]</c> class, <c>static void Configure(ExperimentBuilder x) =&gt; x.Policy(...).Objective(...)...</c>
/// declares what the attributes would. It is syntax for the generator, which reads the chain at compile time (arguments
/// must be constants) and checks it with the attributes' rules; nothing calls <c>Configure</c> at run time, and the
/// builders record nothing.
/// </summary>
public sealed class ExperimentBuilder
{
    private ExperimentBuilder() { }

    public ExperimentBuilder Policy(Action<PolicyBuilder> configure) => this;

    public ExperimentBuilder Lora(Action<LoraBuilder> configure) => this;

    public ExperimentBuilder Objective(Action<ObjectiveBuilder> configure) => this;

    public ExperimentBuilder Data(Action<DataBuilder> configure) => this;

    public ExperimentBuilder Training(Action<TrainingBuilder> configure) => this;

    public ExperimentBuilder Evaluate(Action<EvaluationBuilder> configure) => this;

    public ExperimentBuilder Constitution(Action<ConstitutionBuilder> configure) => this;

    public ExperimentBuilder Reward(Action<RewardBuilder> configure) => this;

    /// <summary>One experiment per value of <paramref name="setting"/> (see <see cref="SweepAttribute"/>): <c>.Sweep(nameof(Beta), 0.05, 0.1, 0.5)</c>.</summary>
    public ExperimentBuilder Sweep(string setting, params double[] values) => this;
}
