using System.Collections.Immutable;
using AlignDsl.Catalogue;
using AlignDsl.Generators.Model;
using AlignDsl.Rules;
using Microsoft.CodeAnalysis;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// Reads the declared evaluation suites and checks that each can run on this experiment: a suite type at all, a policy
/// for the suites that sample answers, something to compare with for win rate and KL, a live reference for the bias
/// suite on an implicit reward; and the practice rules (red teaming with over-refusal, a reward model checked for biases).
/// </summary>
internal static class SuiteParser
{
    public static EquatableArray<SuiteModel> Parse(List<ISettingReader> readers, string name, ObjectiveModel? objective, PolicyModel policy,
        LocationInfo? objectiveLocation, INamedTypeSymbol experimentType, Compilation compilation, List<DiagnosticInfo> diagnostics)
    {
        var suites = ImmutableArray.CreateBuilder<SuiteModel>();
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reader in readers)
        {
            if (!TypeArgumentRules.WrittenAndBound(reader, "Suite")) continue;
            if (TypeArgumentRules.Usable(reader, "Suite", experimentType, compilation, out var written) is not { } suite
                || !IsSuite(suite, experimentType, compilation))
            {
                diagnostics.Add(DiagnosticInfo.Create(RuleBook.NotAnEvalSuite, reader.LocationOf("Suite"), written));
                continue;
            }
            var type = suite.ToDisplayString();
            if (!declared.Add(type))
            {
                diagnostics.Add(DiagnosticInfo.Create(RuleBook.SuiteDeclaredTwice, reader.LocationOf("Suite"), suite.Name, name));
                continue;
            }
            if (Problem(type, suite.Name, name, objective, policy) is { } problem)
            {
                diagnostics.Add(DiagnosticInfo.Create(problem.Rule, reader.LocationOf("Suite"), problem.Args));
                continue;
            }
            suites.Add(new SuiteModel(suite.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), suite.Name)
            {
                NeedsBaseline = KnownTypes.BaselineSuites.Contains(type),
            });
        }

        var redTeam = readers.FirstOrDefault(r => SuiteName(r) == KnownTypes.RedTeam);
        if (redTeam is not null && objective is not { TrainsPolicy: false } && !declared.Contains(KnownTypes.OverRefusal))
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.RedTeamWithoutOverRefusal, redTeam.Location, name));
        if (objective is { Kind: ObjectiveKind.RewardModel } && !declared.Contains(KnownTypes.RewardModelBias))
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.RewardModelWithoutBiasCheck, objectiveLocation, name));
        return suites.ToImmutable().ToEquatableArray();
    }

    private static bool IsSuite(INamedTypeSymbol suite, INamedTypeSymbol within, Compilation compilation) =>
        suite.AllInterfaces.Any(i => i.ToDisplayString() == KnownTypes.EvalSuiteInterface) && TypeArgumentRules.Constructible(suite, within, compilation);

    /// <summary>Why this built-in suite cannot run on this experiment, if it cannot.</summary>
    private static (Rule Rule, object[] Args)? Problem(string type, string shortName, string experiment, ObjectiveModel? objective, PolicyModel policy)
    {
        if (objective is null) return null;
        if (!objective.TrainsPolicy && KnownTypes.SamplingSuites.Contains(type)) return (RuleBook.SuiteNeedsPolicy, [shortName, experiment]);
        if (KnownTypes.BaselineSuites.Contains(type) && policy.InitFromName is null && objective.Entry.Reference == ReferenceUse.None)
            return (RuleBook.SuiteNeedsBaseline, [shortName, experiment]);
        // The bias suite scores single answers by the implicit reward, which needs the reference's log-probs of them.
        if (type == KnownTypes.RewardModelBias && objective.Entry.Scorer == Scorer.ImplicitReward && objective.PrecomputeReference)
            return (RuleBook.BiasSuiteNeedsLiveReference, [experiment]);
        return null;
    }

    private static string? SuiteName(ISettingReader reader) => (reader.Setting("Suite")?.Value as ITypeSymbol)?.ToDisplayString();
}
