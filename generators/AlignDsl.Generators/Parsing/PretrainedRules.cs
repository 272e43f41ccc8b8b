using AlignDsl.Generators.Model;
using AlignDsl.Rules;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// A pretrained policy (<c>[Policy(Pretrained = …)]</c>), its chat template and LoRA adapters: what can be checked on the
/// declaration alone. Whether LoRA targets exist in the model is checked where the InitFrom chain is known
/// (<see cref="ExperimentSet"/>): only the tiny GPT's projections are known at compile time.
/// </summary>
internal static class PretrainedRules
{
    /// <summary>The projections of the tiny GPT (a GPT-2) that LoRA can adapt.</summary>
    public static readonly string[] TinyGptProjections = ["c_attn", "c_proj", "c_fc"];

    public static void Check(ISettingReader? policyReader, PolicyModel policy, LoraModel? lora, ObjectiveModel? objective, string experiment,
        List<DiagnosticInfo> diagnostics)
    {
        if (policy.Pretrained is { } pretrained && policyReader is not null)
        {
            if (policyReader.Has("InitFrom"))
                diagnostics.Add(DiagnosticInfo.Create(RuleBook.PretrainedWithInitFrom, policy.PretrainedLocation, experiment));
            foreach (var size in new[] { "Layers", "ModelDim", "Heads", "Context" }.Where(policyReader.Has))
                diagnostics.Add(DiagnosticInfo.Create(RuleBook.PretrainedWithSize, policyReader.LocationOf(size), experiment, size));
            foreach (var v in SettingRules.CheckPretrainedPath(pretrained)) diagnostics.Add(DiagnosticInfo.From(v, policy.PretrainedLocation));
        }
        if (policyReader is not null && policyReader.Has("ChatTemplate"))
        {
            var why = policy.ChatTemplate is null || policy.ChatTemplate.Trim().Length == 0 ? "is empty"
                : policy.Pretrained is null ? "is declared without Pretrained: the tiny GPT reads the gym's frame, and an InitFrom policy keeps the template it was trained with"
                : null;
            if (why is not null) diagnostics.Add(DiagnosticInfo.Create(RuleBook.ChatTemplateInvalid, policy.ChatTemplateLocation, why));
        }
        if (objective is { Kind: ObjectiveKind.RewardModel } && (policy.Pretrained is not null || lora is not null))
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.NotForRewardModel, policy.Pretrained is not null ? policy.PretrainedLocation : lora!.Location,
                experiment, policy.Pretrained is not null ? "a Pretrained model" : "[Lora]"));
        if (lora is null) return;
        foreach (var v in SettingRules.CheckLora(lora.Rank, lora.Alpha, lora.Dropout))
            diagnostics.Add(DiagnosticInfo.From(v, v.Setting switch { "Rank" => lora.RankLocation, "Alpha" => lora.AlphaLocation, _ => lora.DropoutLocation }));
        foreach (var v in SettingRules.CheckLoraTargets(lora.Targets)) diagnostics.Add(DiagnosticInfo.From(v, lora.TargetsLocation));
    }

    /// <summary>LoRA targets the tiny GPT lacks, for a chain that starts from it (not from a pretrained model).</summary>
    public static IEnumerable<DiagnosticInfo> CheckTinyGptTargets(LoraModel? lora)
    {
        if (lora is null || SettingRules.LoraTargets(lora.Targets) is not { } targets) yield break;
        foreach (var target in targets.Where(t => !TinyGptProjections.Contains(t)).Distinct())
            yield return DiagnosticInfo.Create(RuleBook.LoraTargetNotInModel, lora.TargetsLocation, target, string.Join(", ", TinyGptProjections));
    }
}
