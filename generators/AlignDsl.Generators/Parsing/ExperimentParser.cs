using System.Collections.Immutable;
using AlignDsl.Declarations;
using AlignDsl.Generators.Model;
using AlignDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// Turns one <c>[Experiment]</c> class into an <see cref="ExperimentModel"/>: reads each attribute's constants,
/// folds in defaults, and checks every rule that needs only this class. Never throws on malformed code:
/// what it cannot read becomes a diagnostic or the default.
/// </summary>
internal static class ExperimentParser
{
    public static ExperimentModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not ClassDeclarationSyntax declaration) return null;
        var diagnostics = new List<DiagnosticInfo>();
        var classLocation = LocationInfo.From(declaration.Identifier.GetLocation());
        var attributes = type.GetAttributes().Where(a => a.AttributeClass is not null)
            .Select(a => (Name: a.AttributeClass!.ToDisplayString(), Reader: (ISettingReader)new AttributeReader(a))).ToList();
        ISettingReader? Single(string name) => attributes.Where(a => a.Name == name).Select(a => a.Reader).FirstOrDefault();
        List<ISettingReader> All(string name) => attributes.Where(a => a.Name == name).Select(a => a.Reader).ToList();

        var experiment = Single(KnownTypes.Experiment)!;
        var name = experiment.Setting("Name")?.Value as string;
        if (string.IsNullOrWhiteSpace(name)) name = type.Name;
        // The fluent form adds the sections the attributes do not declare.
        attributes.AddRange(BuilderParser.Read(type, context.SemanticModel, attributes.Select(a => a.Name).ToList(), name!, diagnostics, cancellationToken));

        if (!type.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is ClassDeclarationSyntax c && c.Modifiers.Any(SyntaxKind.PartialKeyword)))
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.ClassNotPartial, classLocation, type.Name));
        if (type.ContainingType is not null)
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.NestedExperiment, classLocation, type.Name));

        var objective = ObjectiveParser.Parse(attributes.Where(a => KnownTypes.Objectives.Contains(a.Name)).ToList(), name!, classLocation, diagnostics);
        if (Single(KnownTypes.Reference) is { } reference && objective?.Kind is ObjectiveKindModel.SimPo or ObjectiveKindModel.Orpo)
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.ReferenceForReferenceFreeObjective, reference.Location, name!,
                objective.Kind == ObjectiveKindModel.SimPo ? "SimPO" : "ORPO"));
        var policy = ParsePolicy(Single(KnownTypes.Policy), diagnostics);
        var data = ParseData(Single(KnownTypes.GymData), Single(KnownTypes.JsonlData), Single(KnownTypes.FromConstitution), name!, classLocation, diagnostics);
        var principles = ConstitutionParser.Parse(attributes.Where(a => a.Name == KnownTypes.Principle).Select(a => a.Reader).ToList(),
            Single(KnownTypes.FromConstitution), policy, objective?.Kind != ObjectiveKindModel.Sft, name!, diagnostics);
        var training = ParseTraining(Single(KnownTypes.Training), diagnostics) with
        {
            MaxLengthLocation = Single(KnownTypes.Training)?.LocationOf("MaxLength") ?? classLocation,
        };
        if (policy.InitFromName is null)
            foreach (var v in SettingRules.CheckSequenceFits(training.MaxLength, policy.Context))
                diagnostics.Add(DiagnosticInfo.From(v, training.MaxLengthLocation));
        var objectiveLocation = attributes.FirstOrDefault(a => KnownTypes.Objectives.Contains(a.Name)).Reader?.Location ?? classLocation;
        var reward = RewardParser.Parse(All(KnownTypes.RewardFrom), All(KnownTypes.RewardFunction), objective, policy, name!, objectiveLocation, diagnostics);
        var suites = SuiteParser.Parse(attributes.Where(a => a.Name == KnownTypes.EvalSuite).Select(a => a.Reader).ToList(), name!, objective, policy,
            objectiveLocation, diagnostics);

        if (objective is not null && data is not null) DataShapeRules.Check(objective, data, name!, Single(KnownTypes.JsonlData)?.LocationOf("Shape"), diagnostics);
        var budget = Single(KnownTypes.Budget);

        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : "";
        return new ExperimentModel(ns, type.Name, type.ToDisplayString(), Path.GetFileName(declaration.SyntaxTree.FilePath), name!,
            objective, policy, data, training, suites, diagnostics.ToEquatableArray(), classLocation)
        {
            CanEmit = diagnostics.All(d => Severity(d) != RuleSeverity.Error),
            BudgetGiB = budget?.Named("GpuMemoryGiB", 0.0) ?? 0.0,
            BudgetLocation = budget?.LocationOf("GpuMemoryGiB"),
            Principles = principles,
            Reward = reward,
        };
    }

    public static RuleSeverity Severity(DiagnosticInfo diagnostic) => RuleBook.All.First(r => r.Id == diagnostic.RuleId).Severity;

    private static PolicyModel ParsePolicy(ISettingReader? reader, List<DiagnosticInfo> diagnostics)
    {
        if (reader is null) return new PolicyModel(null, null, Defaults.Layers, Defaults.ModelDim, Defaults.Heads, Defaults.Context, null);
        int layers = reader.Named("Layers", Defaults.Layers), dim = reader.Named("ModelDim", Defaults.ModelDim);
        int heads = reader.Named("Heads", Defaults.Heads), context = reader.Named("Context", Defaults.Context);
        foreach (var (setting, value) in new[] { ("Layers", layers), ("ModelDim", dim), ("Heads", heads), ("Context", context) })
            foreach (var v in SettingRules.CheckPositive(setting, value)) diagnostics.Add(DiagnosticInfo.From(v, reader.LocationOf(setting)));
        foreach (var v in SettingRules.CheckModelShape(dim, heads)) diagnostics.Add(DiagnosticInfo.From(v, reader.LocationOf(v.Setting)));

        string? initFromClass = null, initFromName = null;
        if (reader.Setting("InitFrom") is { Value: INamedTypeSymbol target })
        {
            initFromClass = target.ToDisplayString();
            var targetExperiment = target.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == KnownTypes.Experiment);
            if (targetExperiment is null)
                diagnostics.Add(DiagnosticInfo.Create(RuleBook.InitFromNotExperiment, reader.LocationOf("InitFrom"), target.ToDisplayString()));
            else
            {
                var targetName = targetExperiment.ConstructorArguments.FirstOrDefault().Value as string;
                initFromName = string.IsNullOrWhiteSpace(targetName) ? target.Name : targetName;
            }
        }
        return new PolicyModel(initFromClass, initFromName, layers, dim, heads, context, reader.LocationOf("InitFrom"));
    }

    private static DataModel? ParseData(ISettingReader? gym, ISettingReader? jsonl, ISettingReader? constitution, string name, LocationInfo? classLocation,
        List<DiagnosticInfo> diagnostics)
    {
        var declared = new[] { gym, jsonl, constitution }.Where(r => r is not null).ToList();
        if (declared.Count > 1)
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.MoreThanOneDataSource, declared[1]!.Location, name));
        if (gym is not null) return new DataModel(DataKindModel.Gym, GymTaskName(gym, "Task"), null, null);
        if (jsonl is not null)
            return new DataModel(DataKindModel.Jsonl, "HelpfulHarmless", jsonl.Setting("Path")?.Value as string ?? "", jsonl.Named<string?>("HeldOut", null))
            {
                Shape = jsonl.Setting("Shape") is { Type: INamedTypeSymbol shapeType, Value: { } shape } ? EnumMemberName(shapeType, shape) ?? "FromObjective" : "FromObjective",
            };
        if (constitution is not null)
        {
            int rounds = constitution.Named("Rounds", 1), pairs = constitution.Named("PairsPerPrompt", 1);
            foreach (var (setting, value) in new[] { ("Rounds", rounds), ("PairsPerPrompt", pairs) })
                foreach (var v in SettingRules.CheckPositive(setting, value)) diagnostics.Add(DiagnosticInfo.From(v, constitution.LocationOf(setting)));
            return new DataModel(DataKindModel.Constitution, GymTaskName(constitution, "Prompts"), null, null)
            {
                Rounds = rounds, PairsPerPrompt = pairs, JudgeByPrinciples = ConstitutionParser.JudgesByPrinciples(constitution),
            };
        }
        diagnostics.Add(DiagnosticInfo.Create(RuleBook.NoData, classLocation, name));
        return null;
    }

    private static string GymTaskName(ISettingReader reader, string setting) =>
        reader.Setting(setting) is { Type: INamedTypeSymbol enumType, Value: { } value } ? EnumMemberName(enumType, value) ?? "HelpfulHarmless" : "HelpfulHarmless";

    private static string? EnumMemberName(INamedTypeSymbol enumType, object value) =>
        enumType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value))?.Name;

    private static TrainingModel ParseTraining(ISettingReader? reader, List<DiagnosticInfo> diagnostics)
    {
        T Get<T>(string setting, T fallback) => reader is null ? fallback : reader.Named(setting, fallback);
        var training = new TrainingModel(
            Get("Steps", Defaults.Steps), Get("BatchSize", Defaults.BatchSize), Get("LearningRate", Defaults.LearningRate),
            Get("WarmupSteps", Defaults.WarmupSteps), Get("WeightDecay", Defaults.WeightDecay), Get("MaxGradNorm", Defaults.MaxGradNorm),
            Get("MaxLength", Defaults.MaxLength), Get("EvalEvery", Defaults.EvalEvery), Get("LogEvery", Defaults.LogEvery), Get("Seed", Defaults.Seed))
        {
            CheckpointEvery = Get("CheckpointEvery", Defaults.CheckpointEvery),
            KeepCheckpoints = Get("KeepCheckpoints", Defaults.KeepCheckpoints),
        };
        if (reader is null) return training;
        var violations = SettingRules.CheckTraining(training.LearningRate, training.Steps, training.BatchSize, training.MaxLength,
            training.LogEvery, training.WarmupSteps, training.EvalEvery)
            .Concat(SettingRules.CheckCheckpoints(training.CheckpointEvery, training.KeepCheckpoints));
        foreach (var v in violations) diagnostics.Add(DiagnosticInfo.From(v, reader.LocationOf(v.Setting)));
        return training;
    }
}
