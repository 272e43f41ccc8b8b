using AlignDsl.Generators.Model;
using AlignDsl.Rules;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// A pretrained policy's <c>config.json</c>, where the project gives it as an AdditionalFile
/// (<c>&lt;AdditionalFiles Include="models/x/config.json" /&gt;</c>): its real size for the memory estimate, ALIGN066 when it
/// names an architecture or setting that cannot be built, ALIGN067 for LoRA targets it lacks; ALIGN068 (info) when it
/// is not given, so no estimate of the real model can be made.
/// </summary>
internal static class PretrainedRule
{
    public static PretrainedShapeModel? Check(ExperimentModel experiment, PolicyModel declaring, EquatableArray<ConfigFileModel> configFiles, List<DiagnosticInfo> diagnostics)
    {
        if (declaring.Pretrained is not { Length: > 0 } folder) return null;
        var location = declaring.PretrainedLocation ?? experiment.Location;
        var wanted = "/" + SettingRules.NormalisePath(folder).TrimEnd('/') + "/config.json";
        var file = configFiles.FirstOrDefault(f => f.Path.Replace('\\', '/').EndsWith(wanted, StringComparison.Ordinal));
        if (file is null)
        {
            // Said once, where the folder is declared, not again by every experiment that starts from it.
            if (declaring == experiment.Policy)
                diagnostics.Add(DiagnosticInfo.Create(RuleBook.PretrainedConfigNotGiven, location, folder, wanted.TrimStart('/')));
            return null;
        }
        var fields = ConfigJson.Fields(file.Text);
        string? problem = "it is not a JSON object";
        var shape = fields is null ? null : ArchitectureShape.Read(name => fields.TryGetValue(name, out var value) ? value : null, out problem);
        if (shape is null)
        {
            if (declaring == experiment.Policy) diagnostics.Add(DiagnosticInfo.Create(RuleBook.PretrainedConfigUnsupported, location, folder, problem!));
            return null;
        }
        long adapters = 0;
        if (experiment.Lora is { } lora)
        {
            var targets = lora.Targets.Split(',').Select(t => t.Trim()).Where(t => t.Length > 0).ToList();
            if (shape.MissingTargets(targets) is { Count: > 0 } missing)
                diagnostics.Add(DiagnosticInfo.Create(RuleBook.LoraTargetNotInArchitecture, lora.TargetsLocation ?? lora.Location ?? experiment.Location,
                    string.Join(", ", missing), shape.Architecture, folder, string.Join(", ", shape.Projections.Select(p => p.Name).Distinct())));
            else if (lora.Rank > 0) adapters = shape.LoraParameters(lora.Rank, targets);
        }
        return new PretrainedShapeModel(shape.Architecture, shape.Parameters, shape.Layers, shape.Width, shape.Inner, shape.Vocabulary, adapters);
    }
}
