using AlignDsl.Generators.Model;
using AlignDsl.Rules;
using Microsoft.CodeAnalysis;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// Reads PPO's reward: <c>[RewardFrom(typeof(Experiment))]</c> or <c>[RewardFunction(typeof(Function))]</c>. PPO needs
/// exactly one (ALIGN041); each must be what it claims (ALIGN042; whether the experiment trains a reward model is
/// checked once every experiment is known); another objective does not use one (ALIGN043).
/// </summary>
internal static class RewardParser
{
    public static RewardSourceModel? Parse(ISettingReader? from, ISettingReader? function, ObjectiveModel? objective, string experiment,
        LocationInfo? objectiveLocation, List<DiagnosticInfo> diagnostics)
    {
        var reward = From(from, diagnostics) ?? Function(function, diagnostics);
        if (objective is null) return reward;
        if (objective.Kind != ObjectiveKindModel.Ppo)
        {
            if ((from ?? function) is { } declared)
                diagnostics.Add(DiagnosticInfo.Create(RuleBook.RewardUnused, declared.Location, experiment, objective.Kind.ToString().ToUpperInvariant()));
            return null;
        }
        if (from is not null && function is not null)
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.PpoRewardMissing, function.Location, experiment, "it declares both [RewardFrom] and [RewardFunction]: keep one"));
        else if (from is null && function is null)
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.PpoRewardMissing, objectiveLocation, experiment,
                "it declares no reward: add [RewardFrom(typeof(...))] naming a reward-model experiment, or [RewardFunction(typeof(...))]"));
        return reward;
    }

    private static RewardSourceModel? From(ISettingReader? reader, List<DiagnosticInfo> diagnostics)
    {
        if (reader?.Setting("Experiment") is not { Value: INamedTypeSymbol target }) return null;
        var attribute = target.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == KnownTypes.Experiment);
        if (attribute is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.NotARewardSource, reader.LocationOf("Experiment"), target.ToDisplayString()));
            return null;
        }
        var name = attribute.ConstructorArguments.FirstOrDefault().Value as string;
        return new RewardSourceModel(target.ToDisplayString(), string.IsNullOrWhiteSpace(name) ? target.Name : name, null, reader.LocationOf("Experiment"));
    }

    private static RewardSourceModel? Function(ISettingReader? reader, List<DiagnosticInfo> diagnostics)
    {
        if (reader?.Setting("Function") is not { Value: INamedTypeSymbol type }) return null;
        var valid = type.AllInterfaces.Any(i => i.ToDisplayString() == KnownTypes.RewardFunctionInterface) && !type.IsAbstract
            && type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public);
        if (!valid)
        {
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.NotARewardSource, reader.LocationOf("Function"), type.ToDisplayString()));
            return null;
        }
        return new RewardSourceModel(null, null, type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), reader.LocationOf("Function"));
    }
}
