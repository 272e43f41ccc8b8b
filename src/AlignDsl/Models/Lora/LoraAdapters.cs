using System.Text.Json;
using System.Text.Json.Nodes;
using AlignDsl.Models.SafeTensors;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlignDsl.Models.Lora;

/// <summary>
/// Attaches LoRA adapters to a causal LM, switches them off (the base model, e.g. DPO's reference without a second copy),
/// saves them in PEFT's layout (<c>adapter_config.json</c>, <c>adapter_model.safetensors</c>), loads them back, and merges
/// them into the base weights.
/// </summary>
public static class LoraAdapters
{
    public const string ConfigFile = "adapter_config.json", WeightsFile = "adapter_model.safetensors";

    /// <summary>PEFT's prefix of every adapter tensor name: the PEFT wrapper, then the wrapped model.</summary>
    private const string PeftPrefix = "base_model.model.";

    /// <summary>
    /// Adds an adapter to every projection whose last name is one of the targets and freezes everything else: only the
    /// adapters train. A target that names no projection of the architecture is an error listing the ones it has.
    /// </summary>
    public static IReadOnlyList<string> Apply(CausalLM model, LoraSettings settings)
    {
        settings.Validate();
        var projections = Projections(model).ToList();
        var unknown = settings.Targets.Where(t => projections.All(p => LastName(p.Name) != t)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"LoRA target(s) {string.Join(", ", unknown)} name no projection of {model.Architecture}; it has {string.Join(", ", projections.Select(p => LastName(p.Name)).Distinct())}.");
        foreach (var p in model.parameters()) p.requires_grad = false;
        var adapted = new List<string>();
        foreach (var (name, target) in projections.Where(p => settings.Targets.Contains(LastName(p.Name))))
        {
            target.Attach(settings);
            adapted.Add(name);
        }
        return adapted;
    }

    /// <summary>The adapters of <paramref name="model"/>, by the name of the projection carrying each.</summary>
    public static IEnumerable<(string Name, LoraAdapter Adapter)> Of(CausalLM model) =>
        Projections(model).Where(p => p.Target.Adapter is not null).Select(p => (p.Name, p.Target.Adapter!));

    /// <summary>Switches every adapter off until disposed: the model then computes its base weights alone.</summary>
    public static IDisposable Disabled(CausalLM model)
    {
        var adapters = Of(model).Select(a => a.Adapter).Where(a => a.Enabled).ToList();
        foreach (var a in adapters) a.Enabled = false;
        return new Restore(() => { foreach (var a in adapters) a.Enabled = true; });
    }

    /// <summary>Folds every adapter into its base weight; the model then computes the adapted function with no adapter.</summary>
    public static void Merge(CausalLM model)
    {
        foreach (var (_, target) in Projections(model)) target.Merge();
    }

    /// <summary>
    /// The merged weight of every adapted projection, by its tensor name (<c>….q_proj.weight</c>), as new tensors: what
    /// <see cref="Merge"/> would write, without changing the model (a run keeps training after a checkpoint).
    /// </summary>
    public static IReadOnlyDictionary<string, Tensor> MergedWeights(CausalLM model) =>
        Projections(model).Where(p => p.Target.Adapter is not null).ToDictionary(p => p.Name + ".weight", p => p.Target.MergedWeight());

    /// <summary>
    /// The tensors a checkpoint saves, by name: each adapted projection's weight merged with its adapter (as new tensors,
    /// computed now without gradients), every other one as it is. A model without adapters gives its tensors unchanged.
    /// </summary>
    public static IReadOnlyList<(string Name, Tensor Tensor)> WithAdaptersMerged(CausalLM model, IEnumerable<KeyValuePair<string, Parameter>> tensors)
    {
        IReadOnlyDictionary<string, Tensor> merged;
        using (no_grad()) merged = model.HasAdapters ? MergedWeights(model) : new Dictionary<string, Tensor>();
        return tensors.Select(p => (p.Key, merged.TryGetValue(p.Key, out var weight) ? weight : (Tensor)p.Value)).ToList();
    }

    /// <summary>
    /// Writes PEFT's adapter folder: the settings and the A/B matrices under PEFT's tensor names. A sequence classifier
    /// passes its head as <paramref name="trainedModules"/>: PEFT's <c>modules_to_save</c>, stored whole beside the adapters.
    /// </summary>
    public static void Save(CausalLM model, string directory, string? baseModel = null, IEnumerable<(string Name, Tensor Weight)>? trainedModules = null)
    {
        var adapters = Of(model).ToList();
        if (adapters.Count == 0) throw new InvalidOperationException("The model has no LoRA adapters to save.");
        var settings = adapters[0].Adapter.Settings;
        var modules = trainedModules?.ToList() ?? [];
        Directory.CreateDirectory(directory);
        SafeTensorsFile.Write(Path.Combine(directory, WeightsFile), adapters.SelectMany(a => new[]
        {
            (PeftPrefix + a.Name + ".lora_A.weight", (Tensor)a.Adapter.A.weight!),
            (PeftPrefix + a.Name + ".lora_B.weight", (Tensor)a.Adapter.B.weight!),
        }).Concat(modules.Select(m => (PeftPrefix + m.Name, m.Weight))));
        var config = new JsonObject
        {
            ["peft_type"] = "LORA",
            ["task_type"] = modules.Count > 0 ? "SEQ_CLS" : "CAUSAL_LM",
            ["base_model_name_or_path"] = baseModel,
            ["r"] = settings.Rank,
            ["lora_alpha"] = settings.Alpha,
            ["lora_dropout"] = settings.Dropout,
            ["target_modules"] = new JsonArray(settings.Targets.Select(t => (JsonNode?)t).ToArray()),
            ["bias"] = "none",
            ["fan_in_fan_out"] = model.Architecture == "GPT2LMHeadModel",
            ["inference_mode"] = true,
        };
        if (modules.Count > 0)
            config["modules_to_save"] = new JsonArray(modules.Select(m => m.Name[..m.Name.IndexOf('.')]).Distinct().Select(n => (JsonNode?)n).ToArray());
        File.WriteAllText(Path.Combine(directory, ConfigFile), config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Attaches the adapters of a PEFT folder to <paramref name="model"/> (its base) and loads their weights.</summary>
    public static LoraSettings Load(CausalLM model, string directory)
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, ConfigFile)))!;
        if (config["peft_type"]?.GetValue<string>() != "LORA")
            throw new NotSupportedException($"{directory}/{ConfigFile}: field 'peft_type' = {config["peft_type"]?.ToJsonString()} is not supported (only LORA).");
        if (config["use_dora"]?.GetValue<bool>() == true || config["use_rslora"]?.GetValue<bool>() == true)
            throw new NotSupportedException($"{directory}/{ConfigFile}: fields 'use_dora'/'use_rslora' are not supported.");
        var targets = config["target_modules"] switch
        {
            JsonArray a => a.Select(t => t!.GetValue<string>()).ToList(),
            JsonValue v => v.GetValue<string>().Split(',', StringSplitOptions.TrimEntries).ToList(),
            _ => throw new NotSupportedException($"{directory}/{ConfigFile}: field 'target_modules' is missing."),
        };
        var settings = new LoraSettings(config["r"]!.GetValue<int>(), config["lora_alpha"]!.GetValue<double>(), config["lora_dropout"]?.GetValue<double>() ?? 0, targets);
        Apply(model, settings);
        var parameters = new Dictionary<string, Parameter>();
        foreach (var (name, adapter) in Of(model))
        {
            parameters[PeftPrefix + name + ".lora_A.weight"] = adapter.A.weight!;
            parameters[PeftPrefix + name + ".lora_B.weight"] = adapter.B.weight!;
        }
        WeightFiles.LoadFile(Path.Combine(directory, WeightsFile), parameters);
        return settings;
    }

    private static IEnumerable<(string Name, ILoraTarget Target)> Projections(CausalLM model) =>
        model.named_modules().Where(m => m.module is ILoraTarget).Select(m => (m.name, (ILoraTarget)m.module));

    private static string LastName(string name) => name[(name.LastIndexOf('.') + 1)..];

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
