using AlignDsl.Generators.Model;
using AlignDsl.Rules;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// ALIGN054: when the project lists its JSONL files as AdditionalFiles (<c>&lt;AdditionalFiles Include="data/*.jsonl" /&gt;</c>),
/// each declared JSONL path (data, held out, probes) must be one of them, so a misspelt or missing file fails the build instead of the run.
/// A path matches a file whose full path ends with it; without such AdditionalFiles nothing is checked.
/// </summary>
internal static class DataFileRule
{
    public static IEnumerable<DiagnosticInfo> Check(ExperimentModel experiment, EquatableArray<string> dataFiles)
    {
        if (dataFiles.Count == 0) yield break;
        var declared = new List<(string Setting, string? Path, LocationInfo? Location)>();
        if (experiment.Data is { Kind: DataKindModel.Jsonl } data)
            declared.AddRange([("Path", data.Path, data.PathLocation), ("HeldOut", data.HeldOutPath, data.HeldOutLocation)]);
        if (experiment.Probes is { } probes)
            declared.AddRange([("Harmful", probes.Harmful, probes.HarmfulLocation), ("Benign", probes.Benign, probes.BenignLocation)]);
        foreach (var (setting, path, location) in declared)
        {
            // Empty, absolute and escaping paths are ALIGN052's.
            if (path is null || SettingRules.CheckJsonlPath(setting, path).Any()) continue;
            var wanted = "/" + SettingRules.NormalisePath(path);
            if (!dataFiles.Any(file => file.Replace('\\', '/').EndsWith(wanted, StringComparison.Ordinal)))
                yield return DiagnosticInfo.Create(RuleBook.JsonlFileNotInProject, location ?? experiment.Location, setting, path, dataFiles.Count);
        }
    }
}
