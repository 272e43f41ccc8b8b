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
            .Select(a => (Name: a.AttributeClass!.ToDisplayString(), Reader: new AttributeReader(a))).ToList();
        AttributeReader? Single(string name) => attributes.Where(a => a.Name == name).Select(a => a.Reader).FirstOrDefault();

        var experiment = Single(KnownTypes.Experiment)!;
        var name = experiment.Positional(0)?.Value as string;
        if (string.IsNullOrWhiteSpace(name)) name = type.Name;

        if (!type.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is ClassDeclarationSyntax c && c.Modifiers.Any(SyntaxKind.PartialKeyword)))
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.ClassNotPartial, classLocation, type.Name));
        if (type.ContainingType is not null)
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.NestedExperiment, classLocation, type.Name));

        var objective = ParseObjective(attributes.Where(a => a.Name is KnownTypes.Sft or KnownTypes.Dpo).ToList(), name!, classLocation, diagnostics);
        var policy = ParsePolicy(Single(KnownTypes.Policy), diagnostics);
        var data = ParseData(Single(KnownTypes.GymData), Single(KnownTypes.JsonlData), name!, classLocation, diagnostics);
        var training = ParseTraining(Single(KnownTypes.Training), diagnostics);
        if (policy.InitFromName is null)
            foreach (var v in SettingRules.CheckSequenceFits(training.MaxLength, policy.Context))
                diagnostics.Add(DiagnosticInfo.From(v, Single(KnownTypes.Training)?.LocationOf("MaxLength") ?? classLocation));
        var suites = ParseSuites(attributes.Where(a => a.Name == KnownTypes.EvalSuite).Select(a => a.Reader).ToList(), name!, diagnostics);

        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : "";
        return new ExperimentModel(ns, type.Name, type.ToDisplayString(), Path.GetFileName(declaration.SyntaxTree.FilePath), name!,
            objective, policy, data, training, suites, diagnostics.ToEquatableArray(), classLocation)
        {
            CanEmit = diagnostics.All(d => Severity(d) != RuleSeverity.Error),
        };
    }

    public static RuleSeverity Severity(DiagnosticInfo diagnostic) => RuleBook.All.First(r => r.Id == diagnostic.RuleId).Severity;

    private static ObjectiveModel? ParseObjective(List<(string Name, AttributeReader Reader)> objectives, string name, LocationInfo? classLocation, List<DiagnosticInfo> diagnostics)
    {
        if (objectives.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.NoObjective, classLocation, name));
            return null;
        }
        if (objectives.Count > 1)
        {
            var names = string.Join(", ", objectives.Select(o => "[" + ShortName(o.Name) + "]"));
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.MoreThanOneObjective, objectives[1].Reader.Location, name, objectives.Count, names));
        }
        var (kind, reader) = objectives[0];
        if (kind == KnownTypes.Sft) return new ObjectiveModel(ObjectiveKindModel.Sft, 0, 0);

        var beta = reader.Named("Beta", Defaults.DpoBeta);
        var labelSmoothing = reader.Named("LabelSmoothing", Defaults.LabelSmoothing);
        foreach (var v in SettingRules.CheckBeta("Dpo", beta).Concat(SettingRules.CheckLabelSmoothing(labelSmoothing)))
            diagnostics.Add(DiagnosticInfo.From(v, reader.LocationOf(v.Setting)));
        return new ObjectiveModel(ObjectiveKindModel.Dpo, beta, labelSmoothing);
    }

    private static PolicyModel ParsePolicy(AttributeReader? reader, List<DiagnosticInfo> diagnostics)
    {
        if (reader is null) return new PolicyModel(null, null, Defaults.Layers, Defaults.ModelDim, Defaults.Heads, Defaults.Context, null);
        int layers = reader.Named("Layers", Defaults.Layers), dim = reader.Named("ModelDim", Defaults.ModelDim);
        int heads = reader.Named("Heads", Defaults.Heads), context = reader.Named("Context", Defaults.Context);
        foreach (var (setting, value) in new[] { ("Layers", layers), ("ModelDim", dim), ("Heads", heads), ("Context", context) })
            foreach (var v in SettingRules.CheckPositive(setting, value)) diagnostics.Add(DiagnosticInfo.From(v, reader.LocationOf(setting)));
        foreach (var v in SettingRules.CheckModelShape(dim, heads)) diagnostics.Add(DiagnosticInfo.From(v, reader.LocationOf(v.Setting)));

        string? initFromClass = null, initFromName = null;
        if (reader.NamedConstant("InitFrom") is { Kind: TypedConstantKind.Type, Value: INamedTypeSymbol target })
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

    private static DataModel? ParseData(AttributeReader? gym, AttributeReader? jsonl, string name, LocationInfo? classLocation, List<DiagnosticInfo> diagnostics)
    {
        if (gym is not null && jsonl is not null)
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.MoreThanOneDataSource, jsonl.Location, name));
        if (gym is not null)
        {
            var task = gym.Positional(0) is { Type: INamedTypeSymbol enumType, Value: { } value }
                ? enumType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value))?.Name
                : null;
            return new DataModel(DataKindModel.Gym, task ?? "HelpfulHarmless", null, null);
        }
        if (jsonl is not null)
            return new DataModel(DataKindModel.Jsonl, "HelpfulHarmless", jsonl.Positional(0)?.Value as string ?? "", jsonl.Named<string?>("HeldOut", null));
        diagnostics.Add(DiagnosticInfo.Create(RuleBook.NoData, classLocation, name));
        return null;
    }

    private static TrainingModel ParseTraining(AttributeReader? reader, List<DiagnosticInfo> diagnostics)
    {
        T Get<T>(string setting, T fallback) => reader is null ? fallback : reader.Named(setting, fallback);
        var training = new TrainingModel(
            Get("Steps", Defaults.Steps), Get("BatchSize", Defaults.BatchSize), Get("LearningRate", Defaults.LearningRate),
            Get("WarmupSteps", Defaults.WarmupSteps), Get("WeightDecay", Defaults.WeightDecay), Get("MaxGradNorm", Defaults.MaxGradNorm),
            Get("MaxLength", Defaults.MaxLength), Get("EvalEvery", Defaults.EvalEvery), Get("LogEvery", Defaults.LogEvery), Get("Seed", Defaults.Seed));
        if (reader is null) return training;
        var violations = SettingRules.CheckLearningRate(training.LearningRate)
            .Concat(SettingRules.CheckPositive("Steps", training.Steps))
            .Concat(SettingRules.CheckPositive("BatchSize", training.BatchSize))
            .Concat(SettingRules.CheckPositive("MaxLength", training.MaxLength))
            .Concat(SettingRules.CheckPositive("LogEvery", training.LogEvery));
        foreach (var v in violations) diagnostics.Add(DiagnosticInfo.From(v, reader.LocationOf(v.Setting)));
        return training;
    }

    private static EquatableArray<SuiteModel> ParseSuites(List<AttributeReader> readers, string name, List<DiagnosticInfo> diagnostics)
    {
        var suites = ImmutableArray.CreateBuilder<SuiteModel>();
        foreach (var reader in readers)
        {
            if (reader.Positional(0) is not { Kind: TypedConstantKind.Type, Value: INamedTypeSymbol suite }) continue;
            var isSuite = suite.AllInterfaces.Any(i => i.ToDisplayString() == KnownTypes.EvalSuiteInterface)
                && !suite.IsAbstract
                && suite.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public);
            if (!isSuite)
            {
                diagnostics.Add(DiagnosticInfo.Create(RuleBook.NotAnEvalSuite, reader.LocationOfPositional(0), suite.ToDisplayString()));
                continue;
            }
            suites.Add(new SuiteModel(suite.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), suite.Name));
        }
        var redTeam = readers.FirstOrDefault(r => (r.Positional(0)?.Value as ITypeSymbol)?.ToDisplayString() == KnownTypes.RedTeam);
        if (redTeam is not null && !readers.Any(r => (r.Positional(0)?.Value as ITypeSymbol)?.ToDisplayString() == KnownTypes.OverRefusal))
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.RedTeamWithoutOverRefusal, redTeam.Location, name));
        return suites.ToImmutable().ToEquatableArray();
    }

    private static string ShortName(string attributeName)
    {
        var last = attributeName.Substring(attributeName.LastIndexOf('.') + 1);
        return last.EndsWith("Attribute", StringComparison.Ordinal) ? last.Substring(0, last.Length - "Attribute".Length) : last;
    }
}
