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

    public ExperimentBuilder Lora(Action<LoraBuilder> configure) => Apply(configure, new LoraBuilder(_spec), b => b.Spec);

    public ExperimentBuilder Objective(Action<ObjectiveBuilder> configure) => Apply(configure, new ObjectiveBuilder(_spec), b => b.Spec);

    public ExperimentBuilder Data(Action<DataBuilder> configure) => Apply(configure, new DataBuilder(_spec), b => b.Spec);

    public ExperimentBuilder Training(Action<TrainingBuilder> configure) => Apply(configure, new TrainingBuilder(_spec), b => b.Spec);

    public ExperimentBuilder Evaluate(Action<EvaluationBuilder> configure) => Apply(configure, new EvaluationBuilder(_spec), b => b.Spec);

    public ExperimentBuilder Constitution(Action<ConstitutionBuilder> configure) => Apply(configure, new ConstitutionBuilder(_spec), b => b.Spec);

    public ExperimentBuilder Reward(Action<RewardBuilder> configure) => Apply(configure, new RewardBuilder(_spec), b => b.Spec);

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
        if (spec.Objective is { } kind)
            violations.AddRange(SettingRules.CheckObjective(kind.ToString(), spec.Beta, spec.LabelSmoothing, spec.Lambda,
                spec.DesirableWeight, spec.UndesirableWeight, spec.Gamma, spec.SftWeight, spec.CenterRewards));
        var rewards = (spec.RewardFrom is null ? 0 : 1) + (spec.RewardFunction is null ? 0 : 1);
        if (spec.Objective == ObjectiveKind.Ppo && rewards != 1)
            violations.Add(new RuleViolation(RuleBook.PpoRewardMissing, "Reward", "(builder)",
                rewards == 0 ? "it declares no reward: add .Reward(r => r.From<RewardModelExperiment>()) or .Reward(r => r.Function<MyReward>())" : "it declares two rewards: keep one"));
        if (spec.Objective is { } trained && trained != ObjectiveKind.Ppo && rewards > 0)
            violations.Add(new RuleViolation(RuleBook.RewardUnused, "Reward", "(builder)", trained.ToString().ToUpperInvariant()));
        if (spec.Objective == ObjectiveKind.Ppo)
        {
            if (spec.InitFrom is null) violations.Add(new RuleViolation(RuleBook.PpoNeedsPolicy, "InitFrom", "(builder)"));
            violations.AddRange(SettingRules.CheckWeight("ClipRange", spec.ClipRange));
            violations.AddRange(SettingRules.CheckWeight("ValueCoefficient", spec.ValueCoefficient));
            violations.AddRange(SettingRules.CheckPositive("PpoEpochs", spec.PpoEpochs));
            violations.AddRange(SettingRules.CheckPositive("MaxNewTokens", spec.MaxNewTokens));
            violations.AddRange(SettingRules.CheckAnswerFits(spec.MaxNewTokens, spec.MaxLength));
        }
        if (spec.Objective == ObjectiveKind.RewardModel) violations.AddRange(SettingRules.CheckFinite("Margin", spec.Margin));
        if (spec.JsonlPath is not null)
        {
            violations.AddRange(SettingRules.CheckJsonlPath("Path", spec.JsonlPath));
            if (spec.HeldOutPath is not null) violations.AddRange(SettingRules.CheckJsonlPath("HeldOut", spec.HeldOutPath));
            violations.AddRange(SettingRules.CheckHeldOut(spec.JsonlPath, spec.HeldOutPath));
        }
        foreach (var (setting, value) in new[] { ("Layers", spec.Layers), ("ModelDim", spec.ModelDim), ("Heads", spec.Heads), ("Context", spec.Context) })
            violations.AddRange(SettingRules.CheckPositive(setting, value));
        violations.AddRange(SettingRules.CheckModelShape(spec.ModelDim, spec.Heads));
        var sources = (spec.GymTask is null ? 0 : 1) + (spec.JsonlPath is null ? 0 : 1) + (spec.ConstitutionPrompts is null ? 0 : 1);
        if (sources == 0) violations.Add(new RuleViolation(RuleBook.NoData, "Data", "(builder)"));
        if (sources > 1) violations.Add(new RuleViolation(RuleBook.MoreThanOneDataSource, "Data", "(builder)"));
        violations.AddRange(ConstitutionRules.CheckPrinciples("(builder)", spec.Principles.Select(p => ((string?)p.Id, (string?)p.Text)).ToList()).Select(v => v.Violation));
        foreach (var principle in spec.Principles) violations.AddRange(SettingRules.CheckWeight("Weight", principle.Weight));
        if (spec.ConstitutionPrompts is not null)
        {
            violations.AddRange(ConstitutionRules.CheckFeedbackSource("(builder)", spec.Principles.Count, spec.InitFrom is not null));
            violations.AddRange(SettingRules.CheckPositive("PairsPerPrompt", spec.PairsPerPrompt));
            violations.AddRange(SettingRules.CheckPositive("Rounds", spec.Rounds));
        }
        else if (spec.Principles.Count > 0) violations.Add(new RuleViolation(RuleBook.PrinciplesUnused, "Principle", "(builder)"));
        violations.AddRange(SettingRules.CheckTraining(spec.LearningRate, spec.Steps, spec.BatchSize, spec.MaxLength, spec.LogEvery,
            spec.WarmupSteps, spec.EvalEvery));
        violations.AddRange(SettingRules.CheckOptimizer(spec.WeightDecay, spec.MaxGradNorm));
        violations.AddRange(SettingRules.CheckCheckpoints(spec.CheckpointEvery, spec.KeepCheckpoints));
        if (spec.InitFrom is null) violations.AddRange(SettingRules.CheckSequenceFits(spec.MaxLength, spec.Context));
        return violations;
    }
}
