using System.Text.Json;
using System.Text.Json.Nodes;
using AlignDsl.Models.Architectures;
using AlignDsl.Models.SafeTensors;
using AlignDsl.Tokenization;
using TorchSharp;

namespace AlignDsl.Models;

/// <summary>
/// A trained model on disk, in the Hugging Face layout: <c>config.json</c>, <c>model.safetensors</c> (Hugging Face tensor
/// names) and <c>generation_config.json</c>, so <c>AutoModelForCausalLM.from_pretrained(folder)</c> (or
/// <c>AutoModelForSequenceClassification</c> for a reward model) loads it; plus <c>policy.json</c>: what kind of model it is
/// and the compact tokenizer's vocabulary.
/// </summary>
public static class Checkpoint
{
    public const string TokenizerFile = "policy.json", GenerationConfigFile = "generation_config.json";
    public const string PolicyKind = "policy", RewardModelKind = "reward_model";

    private sealed record TokenizerFileContent(string Kind, int[] Gpt2Ids);

    public static void Save(Policy policy, string directory)
    {
        Directory.CreateDirectory(directory);
        SafeTensorsFile.Write(Path.Combine(directory, WeightFiles.Single), policy.Model.HfParameters().Select(p => (p.Key, (TorchSharp.torch.Tensor)p.Value)));
        var config = policy.Model.HfConfig();
        config["torch_dtype"] = PrecisionTypes.HfDType(policy.Model.DType);
        SaveMetadata(directory, config, policy.Tokenizer, PolicyKind);
    }

    /// <summary>Writes config.json (with the compact tokenizer's special ids), generation_config.json and policy.json.</summary>
    internal static void SaveMetadata(string directory, JsonObject config, CompactTokenizer tokenizer, string kind)
    {
        var options = new JsonSerializerOptions { WriteIndented = true };
        config["bos_token_id"] = CompactTokenizer.EndOfSequence;
        config["eos_token_id"] = CompactTokenizer.EndOfSequence;
        config["pad_token_id"] = CompactTokenizer.Pad;
        File.WriteAllText(Path.Combine(directory, HfConfig.FileName), config.ToJsonString(options));
        var generation = new JsonObject
        {
            ["bos_token_id"] = CompactTokenizer.EndOfSequence,
            ["eos_token_id"] = CompactTokenizer.EndOfSequence,
            ["pad_token_id"] = CompactTokenizer.Pad,
        };
        File.WriteAllText(Path.Combine(directory, GenerationConfigFile), generation.ToJsonString(options));
        File.WriteAllText(Path.Combine(directory, TokenizerFile), JsonSerializer.Serialize(new TokenizerFileContent(kind, tokenizer.Gpt2Ids.ToArray())));
    }

    /// <summary>Whether <paramref name="directory"/> holds a model saved by a run (with its compact tokenizer).</summary>
    public static bool Exists(string directory) =>
        WeightFiles.Exist(directory) && File.Exists(Path.Combine(directory, HfConfig.FileName)) && File.Exists(Path.Combine(directory, TokenizerFile));

    /// <summary>The compact tokenizer saved beside a run's model, or null for a folder without one.</summary>
    public static CompactTokenizer? TryLoadTokenizer(string directory) =>
        File.Exists(Path.Combine(directory, TokenizerFile)) ? new CompactTokenizer(ReadTokenizerFile(directory).Gpt2Ids) : null;

    /// <summary>Loads a policy checkpoint; a reward model's checkpoint is refused, since it cannot generate.</summary>
    public static Policy Load(string directory, torch.Device device)
    {
        var file = ReadTokenizerFile(directory);
        if (file.Kind != PolicyKind)
            throw new InvalidOperationException($"{directory} holds a {file.Kind.Replace('_', ' ')}, not a policy: a policy cannot start from it.");
        var model = PretrainedModels.Load(directory);
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
        var file = ReadTokenizerFile(directory);
        if (file.Kind != RewardModelKind)
            throw new InvalidOperationException($"{directory} holds a {file.Kind.Replace('_', ' ')}, not a reward model: it cannot score answers.");
        var model = new RewardModel(PretrainedModels.Build(HfConfig.Read(directory)), new CompactTokenizer(file.Gpt2Ids), device);
        model.LoadFrozen(directory);
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

    private static TokenizerFileContent ReadTokenizerFile(string directory)
    {
        var path = Path.Combine(directory, TokenizerFile);
        return JsonSerializer.Deserialize<TokenizerFileContent>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is empty.");
    }
}
