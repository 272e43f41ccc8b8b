using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AlignDsl.Hosting;

/// <summary>Text for <c>list</c>, <c>list --json</c> and <c>describe</c>, all from the generated descriptors.</summary>
internal static class Describer
{
    public static string List(IReadOnlyList<ExperimentEntry> experiments) => Table.Render(
        ["name", "objective", "data", "starts from", "resident models", "est. memory"],
        experiments.Select(e => (IReadOnlyList<string>)
        [
            e.Name, e.Descriptor.Objective.ToString().ToUpperInvariant(), e.Descriptor.DataSource, e.Descriptor.InitFrom ?? "–",
            string.Join(", ", e.Descriptor.ResidentModels), Bytes(e.Descriptor.EstimatedTrainingBytes),
        ]));

    public static string ListJson(IReadOnlyList<ExperimentEntry> experiments) => new JsonArray(experiments.Select(e => (JsonNode)new JsonObject
    {
        ["name"] = e.Name,
        ["class"] = e.Descriptor.ClassName,
        ["objective"] = e.Descriptor.Objective.ToString().ToLowerInvariant(),
        ["data_shape"] = e.Descriptor.Data.ToString().ToLowerInvariant(),
        ["data_source"] = e.Descriptor.DataSource,
        ["init_from"] = e.Descriptor.InitFrom,
        ["reward_from"] = e.Descriptor.RewardFrom,
        ["rewards"] = new JsonArray(e.Descriptor.Rewards.Select(r => (JsonNode)r.ToJson()).ToArray()),
        ["resident_models"] = new JsonArray(e.Descriptor.ResidentModels.Select(m => (JsonNode)new JsonObject
        {
            ["role"] = m.Role, ["trainable"] = m.Trainable, ["parameters"] = m.Parameters, ["estimated_bytes"] = e.Descriptor.EstimatedBytes(m),
        }).ToArray()),
        ["precision"] = e.Descriptor.Precision.ToString().ToLowerInvariant(),
        ["gradient_checkpointing"] = e.Descriptor.GradientCheckpointing,
        ["estimated_activation_bytes"] = e.Descriptor.EstimatedActivationBytes,
        ["estimated_memory_bytes"] = e.Descriptor.EstimatedTrainingBytes,
    }).ToArray()).ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    public static string Describe(ExperimentEntry entry)
    {
        var d = entry.Descriptor;
        var t = d.Training;
        var text = new StringBuilder();
        text.AppendLine($"{d.Name}  ({d.ClassName})");
        text.AppendLine($"  objective     {d.Entry.Display} on {d.Data.ToString().ToLowerInvariant()} from {d.DataSource}: {d.ObjectiveSettingsText()}");
        text.AppendLine(d.Pretrained is { } folder
            ? $"  policy        pretrained from {folder}: {PretrainedModel(folder)}"
            : $"  policy        {(d.InitFrom is null ? "fresh" : "starts from " + d.InitFrom)}: {d.Model.Layers} layers, width {d.Model.ModelDim}, {d.Model.Heads} heads, context {d.Model.Context}");
        if (d.Pretrained is not null)
            text.AppendLine($"  chat template {(d.ChatTemplate is { } template ? TemplateName(template) : "the folder's own chat_template")}");
        if (d.Lora is { } lora)
            text.AppendLine($"  LoRA          rank {lora.Rank}, α {lora.Alpha.ToString(CultureInfo.InvariantCulture)}, dropout {lora.Dropout.ToString(CultureInfo.InvariantCulture)} on {lora.Targets}; only the adapters train" +
                (d.Entry.Reference == Catalogue.ReferenceUse.Frozen ? ", the reference is the base with them switched off" : ""));
        if (d.Rewards.Count > 0)
            text.AppendLine($"  {(d.Rewards.Count == 1 ? "reward " : "rewards")}       {string.Join(" + ", d.Rewards)}");
        else if (d.RewardFrom is { } reward) text.AppendLine($"  reward        {reward}'s trained reward model, frozen");
        if (d.Sweep is { } sweep)
            text.AppendLine($"  sweep         {sweep.Setting} = {sweep.Value.ToString(CultureInfo.InvariantCulture)} of the sweep {sweep.Sweep} (`sweep {sweep.Sweep}` runs every value)");
        text.AppendLine($"  training      {t.Steps} steps × {t.BatchSize}, learning rate {t.LearningRate.ToString(CultureInfo.InvariantCulture)}, max length {t.MaxLength}, seed {t.Seed}");
        text.AppendLine($"  evaluation    {(d.EvalSuites.Count == 0 ? "none" : string.Join(", ", d.EvalSuites))}{(t.EvalEvery > 0 ? $", every {t.EvalEvery} steps" : "")}, before and after; held-out pairs ranked by {Scorer(d.Entry.Scorer)}");
        if (d.Hyperparameters.Count > 0)
            text.AppendLine($"  settings      {string.Join(", ", d.Hyperparameters.Select(h => $"{h.Name} {h.Value.ToString(CultureInfo.InvariantCulture)}"))}");
        text.AppendLine($"  precision     {Precision(d)}; gradient checkpointing {(d.GradientCheckpointing ? "on: blocks recomputed in the backward pass" : "off")}");
        text.AppendLine($"  memory (estimated; docs/memory.md): {Rules.MemoryEstimate.TrainedBytes(d.Precision)} B per trained parameter, {Rules.MemoryEstimate.WeightBytes(d.Precision)} B per frozen one");
        foreach (var m in d.ResidentModels)
        {
            var adapters = m.Role == "policy" && d.AdapterParameters > 0 ? $" frozen + {d.AdapterParameters:N0} LoRA (trained)" : "";
            text.AppendLine($"    {m,-22} {m.Parameters,12:N0} parameters{adapters}  {Bytes(d.EstimatedBytes(m)),10}");
        }
        text.AppendLine($"    {"activations, runtime",-22} {$"{d.Training.BatchSize} × {d.Training.MaxLength} tokens",22}  {Bytes(d.EstimatedActivationBytes),10}");
        text.Append($"    {"total",-22} {"",22}  {Bytes(d.EstimatedTrainingBytes),10}");
        return text.ToString();
    }

    private static string Scorer(Catalogue.Scorer scorer) => scorer switch
    {
        Catalogue.Scorer.ImplicitReward => "the implicit reward β·log π/π_ref",
        Catalogue.Scorer.ExplicitReward => "the reward model's score",
        _ => "the policy's mean log-prob per token",
    };

    private static string Precision(ExperimentDescriptor d) => d.Precision == AlignDsl.Precision.Bf16
        ? "bf16 weights and activations, fp32 master weights and AdamW state, fp32 log-softmax"
        : "fp32";
    /// <summary>The architecture and parameter count of a model folder, read from its config.json and safetensors headers (no weights are loaded).</summary>
    private static string PretrainedModel(string folder)
    {
        try
        {
            var architecture = Models.Architectures.HfConfig.Read(folder).Architecture;
            long parameters = 0;
            foreach (var file in Models.SafeTensors.WeightFiles.Files(folder))
            {
                using var weights = new Models.SafeTensors.SafeTensorsFile(file);
                parameters += weights.Names.Sum(n => weights.Shape(n).Aggregate(1L, (a, b) => a * b));
            }
            return $"{architecture}, {parameters:N0} parameters";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or NotSupportedException or System.Text.Json.JsonException)
        {
            return $"not readable here ({e.Message})";
        }
    }

    /// <summary>A built-in template's name, else the template's first line.</summary>
    private static string TemplateName(string template)
    {
        var builtIn = typeof(Chat.ChatTemplates).GetFields().FirstOrDefault(f => f.IsLiteral && (string?)f.GetRawConstantValue() == template);
        if (builtIn is not null) return $"ChatTemplates.{builtIn.Name}";
        var first = template.Split('\n')[0];
        return first.Length > 60 ? first[..60] + "…" : first;
    }

    private static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):F1} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):F1} MiB",
        _ => $"{bytes / 1024.0:F0} KiB",
    };
}
