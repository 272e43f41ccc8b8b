using AlignDsl.Rules;

namespace AlignDsl;

/// <summary>
/// The fluent declaration form: inside an <c>[Experiment]</c> class, <c>static void Configure(ExperimentBuilder x) =&gt; x.Policy(...).Objective(...)...</c>
/// declares what the attributes would, and the generator reads it at compile time (arguments must be constants).
/// At run time the builder records an <see cref="ExperimentSpec"/>; <see cref="Build"/> checks it with the rulebook.
/// </summary>
public sealed class ExperimentBuilder
{
    private ExperimentSpec _spec = new();

    public ExperimentBuilder Policy(Action<PolicyBuilder> configure) => Apply(configure, new PolicyBuilder(_spec), b => b.Spec);

    public ExperimentBuilder Objective(Action<ObjectiveBuilder> configure) => Apply(configure, new ObjectiveBuilder(_spec), b => b.Spec);

    public ExperimentBuilder Data(Action<DataBuilder> configure) => Apply(configure, new DataBuilder(_spec), b => b.Spec);

    public ExperimentBuilder Training(Action<TrainingBuilder> configure) => Apply(configure, new TrainingBuilder(_spec), b => b.Spec);

    public ExperimentBuilder Evaluate(Action<EvaluationBuilder> configure) => Apply(configure, new EvaluationBuilder(_spec), b => b.Spec);

    /// <summary>The recorded spec, checked with the rules the generator applies; throws <see cref="RuleViolationException"/> listing the errors.</summary>
    public ExperimentSpec Build()
    {
        var errors = Check(_spec).Where(v => v.Rule.Severity == RuleSeverity.Error).ToList();
        if (errors.Count > 0) throw new RuleViolationException(errors);
        return _spec;
    }

    private ExperimentBuilder Apply<T>(Action<T> configure, T builder, Func<T, ExperimentSpec> result)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(builder);
        _spec = result(builder);
        return this;
    }

    /// <summary>Every rule that needs only this experiment, as the generator checks them.</summary>
    public static IEnumerable<RuleViolation> Check(ExperimentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var violations = new List<RuleViolation>();
        if (spec.Objective is not { } objective) violations.Add(new RuleViolation(RuleBook.NoObjective, "Objective", "(builder)"));
        else if (spec.ObjectiveCount > 1) violations.Add(new RuleViolation(RuleBook.MoreThanOneObjective, "Objective", "(builder)", spec.ObjectiveCount, "builder objectives"));
        switch (spec.Objective)
        {
            case ObjectiveKind.Dpo:
                violations.AddRange(SettingRules.CheckBeta("Dpo", spec.Beta));
                violations.AddRange(SettingRules.CheckLabelSmoothing(spec.LabelSmoothing));
                break;
            case ObjectiveKind.Ipo or ObjectiveKind.SimPo or ObjectiveKind.Kto:
                violations.AddRange(SettingRules.CheckBeta(spec.Objective.ToString()!, spec.Beta));
                break;
            case ObjectiveKind.Orpo:
                violations.AddRange(SettingRules.CheckWeight("Lambda", spec.Lambda));
                break;
        }
        if (spec.Objective == ObjectiveKind.SimPo)
        {
            violations.AddRange(SettingRules.CheckNotNegative("Gamma", spec.Gamma));
            violations.AddRange(SettingRules.CheckNotNegative("SftWeight", spec.SftWeight));
        }
        if (spec.Objective == ObjectiveKind.RewardModel) violations.AddRange(SettingRules.CheckNotNegative("CenterRewards", spec.CenterRewards));
        if (spec.Objective == ObjectiveKind.Kto)
        {
            violations.AddRange(SettingRules.CheckWeight("DesirableWeight", spec.DesirableWeight));
            violations.AddRange(SettingRules.CheckWeight("UndesirableWeight", spec.UndesirableWeight));
        }
        foreach (var (setting, value) in new[] { ("Layers", spec.Layers), ("ModelDim", spec.ModelDim), ("Heads", spec.Heads), ("Context", spec.Context) })
            violations.AddRange(SettingRules.CheckPositive(setting, value));
        violations.AddRange(SettingRules.CheckModelShape(spec.ModelDim, spec.Heads));
        if (spec.GymTask is null && spec.JsonlPath is null) violations.Add(new RuleViolation(RuleBook.NoData, "Data", "(builder)"));
        if (spec.GymTask is not null && spec.JsonlPath is not null) violations.Add(new RuleViolation(RuleBook.MoreThanOneDataSource, "Data", "(builder)"));
        violations.AddRange(SettingRules.CheckLearningRate(spec.LearningRate));
        violations.AddRange(SettingRules.CheckPositive("Steps", spec.Steps));
        violations.AddRange(SettingRules.CheckPositive("BatchSize", spec.BatchSize));
        violations.AddRange(SettingRules.CheckAtLeast("MaxLength", spec.MaxLength, 2));
        violations.AddRange(SettingRules.CheckPositive("LogEvery", spec.LogEvery));
        violations.AddRange(SettingRules.CheckAtLeast("WarmupSteps", spec.WarmupSteps, 0));
        violations.AddRange(SettingRules.CheckAtLeast("EvalEvery", spec.EvalEvery, 0));
        if (spec.InitFrom is null) violations.AddRange(SettingRules.CheckSequenceFits(spec.MaxLength, spec.Context));
        return violations;
    }
}
