using System.Collections.Immutable;
using AlignDsl.Generators.Model;
using AlignDsl.Rules;
using Microsoft.CodeAnalysis;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// Reads the constitution's principles (<c>[Principle]</c> or <c>.Constitution(c =&gt; c.Principle(...))</c>) and checks
/// them with the shared <see cref="ConstitutionRules"/>: ids unique and texts written, principles present and a trained
/// policy to sample from when the data comes from the constitution, and principles that something uses.
/// </summary>
internal static class ConstitutionParser
{
    /// <summary>Whether <c>[FromConstitution(Judge = FeedbackJudge.Principles)]</c> asks for the principle judge.</summary>
    public static bool JudgesByPrinciples(ISettingReader fromConstitution) =>
        fromConstitution.Setting("Judge") is { Type: INamedTypeSymbol judgeType, Value: { } value }
        && judgeType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value))?.Name == "Principles";

    public static EquatableArray<PrincipleModel> Parse(List<ISettingReader> readers, ISettingReader? fromConstitution, PolicyModel policy,
        bool trainsPolicyOnPairs, string experiment, List<DiagnosticInfo> diagnostics)
    {
        var principles = readers.Select(r => new PrincipleModel(
            r.Named<string?>("Id", null) ?? "", r.Named<string?>("Text", null) ?? "",
            r.Named<string?>("CritiqueRequest", null), r.Named<string?>("RevisionRequest", null), r.Named<string?>("ComparisonInstruction", null),
            r.Named("Weight", 1.0))
        {
            Prefer = r.Strings("Prefer").ToEquatableArray(),
            Avoid = r.Strings("Avoid").ToEquatableArray(),
        }).ToList();

        foreach (var (index, violation) in ConstitutionRules.CheckPrinciples(experiment, principles.Select(p => ((string?)p.Id, (string?)p.Text)).ToList()))
            diagnostics.Add(DiagnosticInfo.From(violation, readers[index].LocationOf(violation.Setting)));
        for (var i = 0; i < principles.Count; i++)
            foreach (var v in SettingRules.CheckWeight("Weight", principles[i].Weight))
                diagnostics.Add(DiagnosticInfo.From(v, readers[i].LocationOf("Weight")));

        if (fromConstitution is not null)
        {
            foreach (var v in ConstitutionRules.CheckFeedbackSource(experiment, principles.Count, policy.InitFromName is not null))
                diagnostics.Add(DiagnosticInfo.From(v, fromConstitution.Location));
            if (JudgesByPrinciples(fromConstitution) && principles.Count > 0)
                foreach (var v in ConstitutionRules.CheckPrincipleJudge(experiment, principles.Any(p => p.HasRules), trainsPolicyOnPairs))
                    diagnostics.Add(DiagnosticInfo.From(v, fromConstitution.LocationOf("Judge")));
        }
        else if (readers.Count > 0)
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.PrinciplesUnused, readers[0].Location, experiment));
        return principles.ToImmutableArray().ToEquatableArray();
    }
}
