using AlignDsl.Catalogue;
using AlignDsl.Generators.Model;
using AlignDsl.Rules;
using Microsoft.CodeAnalysis;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// Reads the rewards of an online objective: one <c>[RewardFrom(typeof(Experiment))]</c>, any <c>[RewardFunction(typeof(Function))]</c>
/// and the class's <c>[Reward]</c> methods (<see cref="RewardMethodParser"/>), each with its weight. An objective that
/// samples answers needs at least one (ALIGN041) and a trained policy to sample from (ALIGN044); each must be what it
/// claims (ALIGN042; whether the experiment trains a reward model is checked once every experiment is known), weigh
/// more than 0 (ALIGN085) and be declared once (ALIGN086); another objective uses none (ALIGN043).
/// </summary>
internal static class RewardParser
{
    /// <summary>The attributes of the objectives that sample answers, for messages: "[Ppo]".</summary>
    public static string OnlineObjectives => string.Join(", ", ObjectiveCatalogue.All.Where(e => e.SamplesAnswers).Select(e => "[" + e.Kind + "]"));

    public static RewardsModel? Parse(IReadOnlyList<ISettingReader> froms, IReadOnlyList<ISettingReader> functions, ObjectiveModel? objective,
        PolicyModel policy, string experiment, LocationInfo? objectiveLocation, INamedTypeSymbol experimentType, Compilation compilation,
        List<DiagnosticInfo> diagnostics)
    {
        var methods = RewardMethodParser.Find(experimentType);
        var declared = froms.Select(f => f.Location).Concat(functions.Select(f => f.Location)).Concat(methods.Select(m => m.Location)).ToList();
        if (objective is { Entry.SamplesAnswers: false })
        {
            if (declared.Count > 0)
                diagnostics.Add(DiagnosticInfo.Create(RuleBook.RewardUnused, declared[0], experiment, objective.Entry.Display, OnlineObjectives));
            return null;
        }

        var sources = new List<RewardSourceModel>();
        foreach (var reader in froms)
            if (From(reader, diagnostics) is { } source) Add(sources, Weighed(source, reader, diagnostics), experiment, diagnostics);
        foreach (var reader in functions)
            if (Function(reader, experimentType, compilation, diagnostics) is { } source) Add(sources, Weighed(source, reader, diagnostics), experiment, diagnostics);
        foreach (var method in methods)
            if (RewardMethodParser.Check(method, experimentType, compilation, diagnostics) is { } source) Add(sources, Weighed(source, method.Reader, diagnostics), experiment, diagnostics);

        if (objective is null) return Model(sources);
        if (policy.InitFromName is null && policy.Pretrained is null)
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.PpoNeedsPolicy, objectiveLocation, experiment, objective.Entry.Display));
        if (froms.Count > 1 && sources.Count(s => s.IsModel) > 1)
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.PpoRewardMissing, froms[1].Location, experiment, objective.Entry.Display,
                "it declares more than one reward model: keep one [RewardFrom], and add reward functions or [Reward] methods beside it"));
        else if (declared.Count == 0)
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.PpoRewardMissing, objectiveLocation, experiment, objective.Entry.Display,
                "it declares no reward: add [RewardFrom(typeof(...))] naming a reward-model experiment, [RewardFunction(typeof(...))], "
                + "or a method such as '[Reward] static double Correct(string prompt, string completion) => ...'"));
        return Model(sources);
    }

    private static RewardsModel? Model(List<RewardSourceModel> sources) => sources.Count == 0 ? null : new RewardsModel(sources.ToEquatableArray());

    /// <summary>Adds <paramref name="source"/> unless an earlier reward is the same one or has its name (ALIGN086, at the second).</summary>
    private static void Add(List<RewardSourceModel> sources, RewardSourceModel source, string experiment, List<DiagnosticInfo> diagnostics)
    {
        if (sources.FirstOrDefault(s => s.Name == source.Name) is { } earlier)
        {
            var same = (earlier.ExperimentClass ?? earlier.FunctionType) is { } target && target == (source.ExperimentClass ?? source.FunctionType);
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.RewardDeclaredTwice, source.Location, experiment, source.Name, same
                ? "declare each reward once, and raise its Weight to count it more"
                : $"each reward is logged by its name (rewards/{source.Name}/mean), so give different rewards different names"));
            return;
        }
        sources.Add(source);
    }

    /// <summary>The declared Weight, 1 when not written; one that is not a finite number above 0 is ALIGN045 or ALIGN085.</summary>
    private static RewardSourceModel Weighed(RewardSourceModel source, ISettingReader reader, List<DiagnosticInfo> diagnostics)
    {
        var weight = reader.Named("Weight", 1.0);
        if (double.IsNaN(weight) || double.IsInfinity(weight))
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.NotFinite, reader.LocationOf("Weight"), "Weight", weight));
        else if (!(weight > 0))
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.RewardWeightNotPositive, reader.LocationOf("Weight"), source.Name, weight));
        return source with { Weight = weight, WeightLocation = reader.LocationOf("Weight") ?? source.Location };
    }

    private static RewardSourceModel? From(ISettingReader reader, List<DiagnosticInfo> diagnostics)
    {
        if (reader.Setting("Experiment") is not { Value: INamedTypeSymbol target })
        {
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.NotARewardSource, reader.LocationOf("Experiment"), Written(reader, "Experiment")));
            return null;
        }
        var attribute = target.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == KnownTypes.Experiment);
        if (attribute is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.NotARewardSource, reader.LocationOf("Experiment"), target.ToDisplayString()));
            return null;
        }
        var name = attribute.ConstructorArguments.FirstOrDefault().Value as string;
        return new RewardSourceModel(target.ToDisplayString(), string.IsNullOrWhiteSpace(name) ? target.Name : name, null, reader.LocationOf("Experiment"));
    }

    private static RewardSourceModel? Function(ISettingReader reader, INamedTypeSymbol experimentType, Compilation compilation, List<DiagnosticInfo> diagnostics)
    {
        var type = TypeArgumentRules.Usable(reader, "Function", experimentType, compilation, out var written);
        if (type is null || !type.AllInterfaces.Any(i => i.ToDisplayString() == KnownTypes.RewardFunctionInterface)
            || !TypeArgumentRules.Constructible(type, experimentType, compilation))
        {
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.NotARewardSource, reader.LocationOf("Function"), written));
            return null;
        }
        return new RewardSourceModel(null, null, type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), reader.LocationOf("Function"));
    }

    /// <summary>What was written, for the message: a type that is not a named one (an array), or null.</summary>
    private static string Written(ISettingReader reader, string setting) =>
        (reader.Setting(setting)?.Value as ISymbol)?.ToDisplayString() ?? "null";
}
