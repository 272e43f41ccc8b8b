using AlignDsl.Generators.Model;
using AlignDsl.Rules;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// Reads <c>[Probes]</c> and checks it against the declared suites: a file is named (ALIGN060), each path is a safe
/// relative path (ALIGN052), the two files differ (ALIGN063), a suite reads each file (ALIGN061), and red teaming and
/// over-refusal are measured on the same kind of prompts (ALIGN062).
/// </summary>
internal static class ProbeRules
{
    public static ProbesModel? Parse(ISettingReader? reader, EquatableArray<SuiteModel> suites, string experiment, List<DiagnosticInfo> diagnostics)
    {
        if (reader is null) return null;
        string? harmful = reader.Named<string?>("Harmful", null), benign = reader.Named<string?>("Benign", null);
        var probes = new ProbesModel(harmful, benign, reader.Location)
        {
            HarmfulLocation = reader.LocationOf("Harmful"),
            BenignLocation = reader.LocationOf("Benign"),
        };
        if (harmful is null && benign is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.ProbesNameNoFile, reader.Location, experiment));
            return probes;
        }
        var invalid = false;
        foreach (var (setting, path) in new[] { ("Harmful", harmful), ("Benign", benign) })
        {
            if (!reader.Has(setting)) continue;
            foreach (var v in SettingRules.CheckJsonlPath(setting, path))
            {
                diagnostics.Add(DiagnosticInfo.From(v, reader.LocationOf(setting)));
                invalid = true;
            }
        }
        if (invalid) return probes;
        if (harmful is not null && benign is not null && string.Equals(SettingRules.NormalisePath(harmful), SettingRules.NormalisePath(benign), StringComparison.OrdinalIgnoreCase))
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.ProbeFilesAreTheSame, reader.LocationOf("Benign"), benign));

        bool Declares(string suite) => suites.Any(s => s.TypeName == "global::" + suite);
        bool redTeam = Declares(KnownTypes.RedTeam), overRefusal = Declares(KnownTypes.OverRefusal);
        if (harmful is not null && !redTeam)
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.ProbesUnused, reader.LocationOf("Harmful"), "Harmful", harmful, "RedTeam"));
        if (benign is not null && !overRefusal)
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.ProbesUnused, reader.LocationOf("Benign"), "Benign", benign, "OverRefusal"));
        if (redTeam && overRefusal && (harmful is null) != (benign is null))
            diagnostics.Add(harmful is not null
                ? DiagnosticInfo.Create(RuleBook.ProbesMeasureDifferentPrompts, reader.LocationOf("Harmful"), experiment, "attack success", "over-refusal", "Benign")
                : DiagnosticInfo.Create(RuleBook.ProbesMeasureDifferentPrompts, reader.LocationOf("Benign"), experiment, "over-refusal", "attack success", "Harmful"));
        return probes;
    }
}
