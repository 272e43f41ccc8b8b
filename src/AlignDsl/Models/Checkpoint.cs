using System.Text.Json;
using AlignDsl.Tokenization;
using TorchSharp;
using TorchSharp.PyBridge;

namespace AlignDsl.Models;

/// <summary>
/// A model on disk: <c>model.safetensors</c> (the weights, readable by Python's safetensors) and
/// <c>policy.json</c> (what kind of model, its size and the tokenizer's vocabulary).
/// </summary>
public static class Checkpoint
{
    public const string WeightsFile = "model.safetensors", ConfigFile = "policy.json";
    public const string PolicyKind = "policy", RewardModelKind = "reward_model";

    private sealed record ConfigFileContent(ModelConfig Model, int[] Gpt2Ids, string Kind = PolicyKind);

    public static void Save(Policy policy, string directory)
    {
        Directory.CreateDirectory(directory);
        policy.Model.save_safetensors(Path.Combine(directory, WeightsFile));
        SaveConfig(directory, policy.Config, policy.Tokenizer, PolicyKind);
    }

    internal static void SaveConfig(string directory, ModelConfig config, CompactTokenizer tokenizer, string kind) =>
        File.WriteAllText(Path.Combine(directory, ConfigFile), JsonSerializer.Serialize(new ConfigFileContent(config, tokenizer.Gpt2Ids.ToArray(), kind)));

    public static bool Exists(string directory) =>
        File.Exists(Path.Combine(directory, WeightsFile)) && File.Exists(Path.Combine(directory, ConfigFile));

    /// <summary>Loads a policy checkpoint; a reward model's checkpoint is refused, since it cannot generate.</summary>
    public static Policy Load(string directory, torch.Device device)
    {
        var file = ReadConfig(directory);
        if (file.Kind != PolicyKind)
            throw new InvalidOperationException($"{directory} holds a {file.Kind.Replace('_', ' ')}, not a policy: a policy cannot start from it.");
        var model = new TinyGpt(file.Model);
        model.load_safetensors(Path.Combine(directory, WeightsFile));
        if (!AllFinite(model.parameters()))
        {
            model.Dispose();
            throw NotFinite(directory);
        }
        return new Policy(model, new CompactTokenizer(file.Gpt2Ids), device);
    }

    /// <summary>
    /// Loads a reward model checkpoint frozen (no gradients, eval mode): PPO scores with it and never trains it.
    /// A policy's checkpoint is refused, since it has no reward head.
    /// </summary>
    public static RewardModel LoadRewardModel(string directory, torch.Device device)
    {
        var file = ReadConfig(directory);
        if (file.Kind != RewardModelKind)
            throw new InvalidOperationException($"{directory} holds a {file.Kind.Replace('_', ' ')}, not a reward model: it cannot score answers.");
        var model = new RewardModel(new TinyGpt(file.Model), new CompactTokenizer(file.Gpt2Ids), device);
        model.LoadFrozen(Path.Combine(directory, WeightsFile));
        if (!AllFinite(model.Parameters()))
        {
            model.Dispose();
            throw NotFinite(directory);
        }
        return model;
    }

    /// <summary>Whether every weight is finite: one read from the device for the whole model.</summary>
    public static bool AllFinite(IEnumerable<TorchSharp.Modules.Parameter> parameters)
    {
        using var scope = torch.NewDisposeScope();
        var checks = parameters.Select(p => p.detach().isfinite().all()).ToArray();
        return checks.Length == 0 || torch.stack(checks).all().item<bool>();
    }

    private static InvalidOperationException NotFinite(string directory) =>
        new($"{directory} holds NaN or infinite weights: the run that wrote it diverged, so nothing can start from it. Train it again with a lower LearningRate.");

    private static ConfigFileContent ReadConfig(string directory)
    {
        var path = Path.Combine(directory, ConfigFile);
        return JsonSerializer.Deserialize<ConfigFileContent>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is empty.");
    }
}
