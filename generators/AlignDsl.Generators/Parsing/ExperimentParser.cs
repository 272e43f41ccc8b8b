using System.Collections.Immutable;
using AlignDsl.Catalogue;
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
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax declaration) return null;
        var diagnostics = new List<DiagnosticInfo>();
        var classLocation = LocationInfo.From(declaration.Identifier.GetLocation());
        var attributes = type.GetAttributes().Where(a => a.AttributeClass is not null)
            .Select(a => (Name: a.AttributeClass!.ToDisplayString(), Reader: (ISettingReader)new AttributeReader(a))).ToList();
        ISettingReader? Single(string name) => attributes.Where(a => a.Name == name).Select(a => a.Reader).FirstOrDefault();
        List<ISettingReader> All(string name) => attributes.Where(a => a.Name == name).Select(a => a.Reader).ToList();

        var experiment = Single(KnownTypes.Experiment)!;
        var name = experiment.Setting("Name")?.Value as string;
        if (experiment.Has("Name"))
            foreach (var v in SettingRules.CheckExperimentName(name ?? "")) diagnostics.Add(DiagnosticInfo.From(v, experiment.LocationOf("Name")));
        // Other experiments find this one by the same fallback (InitFrom, RewardFrom), so an empty name is reported and still resolved.
        if (string.IsNullOrWhiteSpace(name)) name = type.Name;
        // The fluent form adds the sections the attributes do not declare.
        attributes.AddRange(BuilderParser.Read(type, context.SemanticModel, attributes.Select(a => a.Name).ToList(), name!, diagnostics, cancellationToken));

        if (!type.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax c && c.Modifiers.Any(SyntaxKind.PartialKeyword)))
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.ClassNotPartial, classLocation, type.Name));
        if (type.ContainingType is not null)
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.NestedExperiment, classLocation, type.Name));
        ClassShapeRules.Check(type, declaration, name!, classLocation, diagnostics);
        EnumRules.Check(attributes, diagnostics);

        var compilation = context.SemanticModel.Compilation;
        var sweep = ReadSweep(Single(KnownTypes.Sweep), compilation, diagnostics, cancellationToken);
        var objectives = attributes.Where(a => KnownTypes.Objectives.Contains(a.Name)).ToList();
        var objective = ObjectiveParser.Parse(objectives, name!, classLocation, diagnostics, swept: sweep?.Setting);
        // The objective attribute's settings (the first, when several are declared, which ObjectiveParser reports), or null.
        var objectiveReader = objectives.FirstOrDefault().Reader;
        if (Single(KnownTypes.Reference) is { } reference && objective?.Entry is { Reference: ReferenceUse.None } referenceFree)
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.ReferenceForReferenceFreeObjective, reference.Location, name!, referenceFree.Display));
        var policy = ParsePolicy(Single(KnownTypes.Policy), diagnostics);
        var data = ParseData(Single(KnownTypes.GymData), Single(KnownTypes.JsonlData), Single(KnownTypes.FromConstitution), name!, classLocation, diagnostics);
        var principles = ConstitutionParser.Parse(attributes.Where(a => a.Name == KnownTypes.Principle).Select(a => a.Reader).ToList(),
            Single(KnownTypes.FromConstitution), policy, objective?.Kind != ObjectiveKind.Sft, name!, diagnostics);
        var training = ParseTraining(Single(KnownTypes.Training), diagnostics) with
        {
            MaxLengthLocation = Single(KnownTypes.Training)?.LocationOf("MaxLength") ?? classLocation,
        };
        // A pretrained model's context is in its config.json, unknown here.
        if (policy.InitFromName is null && policy.Pretrained is null)
            foreach (var v in SettingRules.CheckSequenceFits(training.MaxLength, policy.Context))
                diagnostics.Add(DiagnosticInfo.From(v, training.MaxLengthLocation));
        var objectiveLocation = objectiveReader?.Location ?? classLocation;
        // An answer sampled up to MaxNewTokens must leave room for the prompt.
        if (objective?.Entry.Setting("MaxNewTokens") is not null)
            foreach (var v in SettingRules.CheckAnswerFits((int)objective["MaxNewTokens"], training.MaxLength))
                diagnostics.Add(DiagnosticInfo.From(v, objectiveReader!.LocationOf("MaxNewTokens")));
        // PPO's epochs split the rollout (BatchSize × RolloutsPerPrompt rows) into equal mini-batches.
        if (objective?.Entry.Setting("MiniBatches") is not null)
            foreach (var v in SettingRules.CheckMiniBatches((int)objective["MiniBatches"], training.BatchSize, (int)objective["RolloutsPerPrompt"]))
                diagnostics.Add(DiagnosticInfo.From(v, objectiveReader!.LocationOf("MiniBatches")));
        var reward = RewardParser.Parse(All(KnownTypes.RewardFrom), All(KnownTypes.RewardFunction), objective, policy, name!, objectiveLocation, type, compilation,
            diagnostics);
        var suites = SuiteParser.Parse(attributes.Where(a => a.Name == KnownTypes.EvalSuite).Select(a => a.Reader).ToList(), name!, objective, policy,
            objectiveLocation, type, compilation, diagnostics);

        ExportRules.Check(Single(KnownTypes.Export), objectiveReader, objective, reward, name!, diagnostics);
        var probes = ProbeRules.Parse(Single(KnownTypes.Probes), suites, name!, diagnostics);
        if (objective is not null && data is not null) DataShapeRules.Check(objective, data, name!, Single(KnownTypes.JsonlData)?.LocationOf("Shape"), diagnostics);
        var lora = ParseLora(Single(KnownTypes.Lora));
        PretrainedRules.Check(Single(KnownTypes.Policy), policy, lora, objective, name!, diagnostics);
        var budget = Single(KnownTypes.Budget);
        if (budget is not null)
            foreach (var v in SettingRules.CheckBudget(budget.Named("GpuMemoryGiB", 0.0))) diagnostics.Add(DiagnosticInfo.From(v, budget.LocationOf("GpuMemoryGiB")));

        var guards = GuardsParser.Parse(Single(KnownTypes.Guards), objective, training, suites, name!, diagnostics);
        var sweepModel = SweepParser.Check(sweep, objective, objectiveReader, name!, diagnostics);

        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : "";
        return new ExperimentModel(ns, type.Name, type.ToDisplayString(), Path.GetFileName(declaration.SyntaxTree.FilePath), name!,
            objective, policy, data, training, suites, diagnostics.ToEquatableArray(), classLocation)
        {
            CanEmit = diagnostics.All(d => Severity(d) != RuleSeverity.Error),
            BudgetGiB = budget?.Named("GpuMemoryGiB", 0.0) ?? 0.0,
            BudgetLocation = budget?.LocationOf("GpuMemoryGiB"),
            Principles = principles,
            Reward = reward,
            Lora = lora,
            Probes = probes,
            Guards = guards,
            Sweep = sweepModel,
            UserMembers = UserMembers(type, cancellationToken),
        };
    }

    /// <summary>The sweep's setting and values as written, from the attribute's syntax or the builder call's.</summary>
    private static SweepParser.Declared? ReadSweep(ISettingReader? reader, Compilation compilation, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var arguments = reader switch
        {
            SweepCall call => call.Arguments,
            AttributeReader { Attribute.ApplicationSyntaxReference: { } syntax } => (syntax.GetSyntax(cancellationToken) as AttributeSyntax)?.ArgumentList?.Arguments
                .Select(a => a.Expression).ToList(),
            _ => null,
        };
        return arguments is null ? null : SweepParser.Read(arguments, reader!.Location, compilation, diagnostics, cancellationToken);
    }

    /// <summary>The members the user wrote (every part of the class), by name, for the collision check with the generated part.</summary>
    private static EquatableArray<MemberModel> UserMembers(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.GetMembers().Where(m => !m.IsImplicitlyDeclared && m is not IMethodSymbol { MethodKind: not MethodKind.Ordinary })
            .Select(m => new MemberModel(m.Name, LocationInfo.From(m.Locations.FirstOrDefault(l => l.IsInSource))))
            .ToEquatableArray();

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
        var initFrom = reader.Setting("InitFrom");
        if (initFrom is not null && initFrom.Value.Value is not INamedTypeSymbol)
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.InitFromNotExperiment, reader.LocationOf("InitFrom"),
                (initFrom.Value.Value as ISymbol)?.ToDisplayString() ?? initFrom.Value.Value?.ToString() ?? "null"));
        if (initFrom is { Value: INamedTypeSymbol target })
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
        return new PolicyModel(initFromClass, initFromName, layers, dim, heads, context, reader.LocationOf("InitFrom"))
        {
            Pretrained = reader.Named<string?>("Pretrained", null),
            PretrainedLocation = reader.LocationOf("Pretrained"),
            ChatTemplate = reader.Named<string?>("ChatTemplate", null),
            ChatTemplateLocation = reader.LocationOf("ChatTemplate"),
        };
    }

    /// <summary>The declared LoRA settings with defaults folded in, as written; their checks need the model and are made elsewhere.</summary>
    private static LoraModel? ParseLora(ISettingReader? reader) => reader is null ? null
        : new LoraModel(reader.Named("Rank", Defaults.LoraRank), reader.Named("Alpha", Defaults.LoraAlpha), reader.Named("Dropout", Defaults.LoraDropout),
            reader.Named("Targets", Defaults.LoraTargets) ?? "", reader.Location)
        {
            RankLocation = reader.LocationOf("Rank"),
            AlphaLocation = reader.LocationOf("Alpha"),
            DropoutLocation = reader.LocationOf("Dropout"),
            TargetsLocation = reader.LocationOf("Targets"),
        };

    private static DataModel? ParseData(ISettingReader? gym, ISettingReader? jsonl, ISettingReader? constitution, string name, LocationInfo? classLocation,
        List<DiagnosticInfo> diagnostics)
    {
        var declared = new[] { gym, jsonl, constitution }.Where(r => r is not null).ToList();
        if (declared.Count > 1)
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.MoreThanOneDataSource, declared[1]!.Location, name));
        if (gym is not null) return new DataModel(DataKindModel.Gym, GymTaskName(gym, "Task"), null, null);
        if (jsonl is not null)
        {
            var path = jsonl.Setting("Path")?.Value as string;
            var heldOut = jsonl.Named<string?>("HeldOut", null);
            var violations = SettingRules.CheckJsonlPath("Path", path).ToList();
            if (jsonl.Has("HeldOut")) violations.AddRange(SettingRules.CheckJsonlPath("HeldOut", heldOut));
            if (violations.Count == 0) violations.AddRange(SettingRules.CheckHeldOut(path!, heldOut));
            foreach (var v in violations) diagnostics.Add(DiagnosticInfo.From(v, jsonl.LocationOf(v.Setting)));
            return new DataModel(DataKindModel.Jsonl, "HelpfulHarmless", path ?? "", heldOut)
            {
                PathLocation = jsonl.LocationOf("Path"),
                HeldOutLocation = jsonl.LocationOf("HeldOut"),
                Shape = jsonl.Setting("Shape") is { Type: INamedTypeSymbol shapeType, Value: { } shape } ? EnumMemberName(shapeType, shape) ?? "FromObjective" : "FromObjective",
            };
        }
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
            Precision = reader?.Setting("Precision") is { Type: INamedTypeSymbol precisionType, Value: { } precision }
                ? EnumMemberName(precisionType, precision) ?? nameof(Precision.Fp32) : nameof(Precision.Fp32),
            GradientCheckpointing = Get("GradientCheckpointing", false),
            BucketByLength = Get("BucketByLength", false),
            Threads = Get("Threads", Defaults.Threads),
        };
        if (reader is null) return training;
        var violations = SettingRules.CheckTraining(training.LearningRate, training.Steps, training.BatchSize, training.MaxLength,
            training.LogEvery, training.WarmupSteps, training.EvalEvery)
            .Concat(SettingRules.CheckCheckpoints(training.CheckpointEvery, training.KeepCheckpoints))
            .Concat(SettingRules.CheckAtLeast("Threads", training.Threads, 0));
        violations = violations.Concat(SettingRules.CheckOptimizer(training.WeightDecay, training.MaxGradNorm));
        // The default warm-up (10) is not held against a short run the user did not give a warm-up.
        if (reader.Has("WarmupSteps")) violations = violations.Concat(SettingRules.CheckWarmup(training.WarmupSteps, training.Steps));
        foreach (var v in violations) diagnostics.Add(DiagnosticInfo.From(v, reader.LocationOf(v.Setting)));
        return training;
    }
}
