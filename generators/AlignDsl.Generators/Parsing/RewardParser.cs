using AlignDsl.Generators.Model;
using AlignDsl.Rules;
using Microsoft.CodeAnalysis;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// Reads PPO's reward: <c>[RewardFrom(typeof(Experiment))]</c> or <c>[RewardFunction(typeof(Function))]</c>. PPO needs
/// exactly one (ALIGN041) and a trained policy to sample from (ALIGN044); each must be what it claims (ALIGN042; whether
/// the experiment trains a reward model is checked once every experiment is known); another objective uses none (ALIGN043).
/// </summary>
internal static class RewardParser
{
    public static RewardSourceModel? Parse(IReadOnlyList<ISettingReader> froms, IReadOnlyList<ISettingReader> functions, ObjectiveModel? objective,
        PolicyModel policy, string experiment, LocationInfo? objectiveLocation, INamedTypeSymbol experimentType, Compilation compilation,
        List<DiagnosticInfo> diagnostics)
    {
        var (from, function) = (froms.FirstOrDefault(), functions.FirstOrDefault());
        var reward = From(from, diagnostics) ?? Function(function, experimentType, compilation, diagnostics);
        if (objective is null) return reward;
        if (objective.Entry.SamplesAnswers && policy.InitFromName is null && policy.Pretrained is null)
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.PpoNeedsPolicy, objectiveLocation, experiment));
        if (!objective.Entry.SamplesAnswers)
        {
            if ((from ?? function) is { } declared)
                diagnostics.Add(DiagnosticInfo.Create(RuleBook.RewardUnused, declared.Location, experiment, objective.Entry.Display));
            return null;
        }
        if (froms.Count + functions.Count > 1)
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.PpoRewardMissing, froms.Concat(functions).Skip(1).First().Location, experiment,
                "it declares more than one reward: keep one [RewardFrom] or [RewardFunction]"));
        else if (from is null && function is null)
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.PpoRewardMissing, objectiveLocation, experiment,
                "it declares no reward: add [RewardFrom(typeof(...))] naming a reward-model experiment, or [RewardFunction(typeof(...))]"));
        return reward;
    }

    private static RewardSourceModel? From(ISettingReader? reader, List<DiagnosticInfo> diagnostics)
    {
        if (reader is null) return null;
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

    private static RewardSourceModel? Function(ISettingReader? reader, INamedTypeSymbol experimentType, Compilation compilation, List<DiagnosticInfo> diagnostics)
    {
        if (reader is null) return null;
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
