using AlignDsl.Catalogue;
using AlignDsl.Generators.Model;
using AlignDsl.Rules;

namespace AlignDsl.Generators.Parsing;

/// <summary>Reads the one objective attribute of an experiment by its catalogue entry, folding in defaults and checking each setting by its rule.</summary>
internal static class ObjectiveParser
{
    /// <param name="swept">A setting the experiment sweeps: its declared value is never used, so it is not checked (each swept value is).</param>
    public static ObjectiveModel? Parse(List<(string Name, ISettingReader Reader)> objectives, string experiment, LocationInfo? classLocation,
        List<DiagnosticInfo> diagnostics, string? swept = null)
    {
        if (objectives.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.NoObjective, classLocation, experiment));
            return null;
        }
        if (objectives.Count > 1)
        {
            var names = string.Join(", ", objectives.Select(o => "[" + ShortName(o.Name) + "]"));
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.MoreThanOneObjective, objectives[1].Reader.Location, experiment, objectives.Count, names));
        }
        var (attribute, reader) = objectives[0];
        var entry = ObjectiveCatalogue.ByAttribute(attribute) ?? ObjectiveCatalogue.Of(ObjectiveKind.Sft);
        var model = new ObjectiveModel(entry.Kind, Values(entry, reader).ToEquatableArray());
        foreach (var v in SettingRules.CheckObjective(entry, name => model[name], reader.Has).Where(v => v.Setting != swept))
            diagnostics.Add(DiagnosticInfo.From(v, reader.LocationOf(v.Setting)));
        return model;
    }

    /// <summary>
    /// Each setting of <paramref name="entry"/> as written, else its default, in the entry's order; with
    /// <paramref name="swept"/> given, that setting takes <paramref name="sweptValue"/> (a sweep member's value).
    /// </summary>
    public static double[] Values(ObjectiveEntry entry, ISettingReader reader, string? swept = null, double sweptValue = 0)
    {
        var values = entry.Settings.Select(s => s.Name == swept ? sweptValue : Read(reader, s)).ToArray();
        // A derived default follows its source (SimPO's γ = 0.5·β), folded in so the generated constant shows the value used.
        for (var i = 0; i < values.Length; i++)
            if (entry.Settings[i].DefaultShareOf is { } share && !reader.Has(entry.Settings[i].Name) && entry.Settings[i].Name != swept)
                values[i] = share.Ratio * values[entry.IndexOf(share.Setting)];
        return values;
    }

    /// <summary>A setting as written, else its default: a switch as 0 or 1, a choice as its enum member's number.</summary>
    private static double Read(ISettingReader reader, ObjectiveSetting setting) => setting.Kind switch
    {
        SettingKind.Switch => reader.Named(setting.Name, setting.Default != 0) ? 1 : 0,
        SettingKind.Choice or SettingKind.Count => reader.Named(setting.Name, (int)setting.Default),
        _ => reader.Named(setting.Name, setting.Default),
    };

    private static string ShortName(string attributeName)
    {
        var last = attributeName.Substring(attributeName.LastIndexOf('.') + 1);
        return last.EndsWith("Attribute", StringComparison.Ordinal) ? last.Substring(0, last.Length - "Attribute".Length) : last;
    }
}
