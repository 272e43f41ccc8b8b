using System.Text.Json;
using AlignDsl.Tokenization;
using TorchSharp;
using TorchSharp.PyBridge;

namespace AlignDsl.Models;

/// <summary>
/// A policy on disk: <c>model.safetensors</c> (the weights, readable by Python's safetensors) and
/// <c>policy.json</c> (the model's size and the tokenizer's vocabulary).
/// </summary>
public static class Checkpoint
{
    public const string WeightsFile = "model.safetensors", ConfigFile = "policy.json";

    private sealed record PolicyFile(ModelConfig Model, int[] Gpt2Ids);

    public static void Save(Policy policy, string directory)
    {
        Directory.CreateDirectory(directory);
        policy.Model.save_safetensors(Path.Combine(directory, WeightsFile));
        var file = new PolicyFile(policy.Config, policy.Tokenizer.Gpt2Ids.ToArray());
        File.WriteAllText(Path.Combine(directory, ConfigFile), JsonSerializer.Serialize(file, new JsonSerializerOptions { WriteIndented = false }));
    }

    public static bool Exists(string directory) =>
        File.Exists(Path.Combine(directory, WeightsFile)) && File.Exists(Path.Combine(directory, ConfigFile));

    public static Policy Load(string directory, torch.Device device)
    {
        var file = JsonSerializer.Deserialize<PolicyFile>(File.ReadAllText(Path.Combine(directory, ConfigFile)))
                   ?? throw new InvalidDataException($"{Path.Combine(directory, ConfigFile)} is empty.");
        var model = new TinyGpt(file.Model);
        model.load_safetensors(Path.Combine(directory, WeightsFile));
        return new Policy(model, new CompactTokenizer(file.Gpt2Ids), device);
    }
}
