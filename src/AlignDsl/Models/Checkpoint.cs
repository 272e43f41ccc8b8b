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
/// and, for the gym's tiny GPT, the compact tokenizer's vocabulary. A model trained with a Hugging Face tokenizer keeps
/// that tokenizer's files instead, and its chat template in <c>tokenizer_config.json</c>.
/// </summary>
public static class Checkpoint
{
    public const string TokenizerFile = "policy.json", GenerationConfigFile = "generation_config.json";
    public const string PolicyKind = "policy", RewardModelKind = "reward_model";

    /// <summary>policy.json: the model's kind and, for the compact tokenizer, its vocabulary (null: the folder's own tokenizer files).</summary>
    private sealed record TokenizerFileContent(string Kind, int[]? Gpt2Ids);

    /// <summary>The folder inside a checkpoint that holds a LoRA-trained policy's adapters in PEFT's layout.</summary>
    public const string AdapterFolder = "adapter";

    /// <summary>
    /// Saves the policy. A policy trained with LoRA also saves its adapters in PEFT's layout under <see cref="AdapterFolder"/>,
    /// and its weights merged with them, so the checkpoint itself is the full adapted model; the policy is left unmerged.
    /// </summary>
    public static void Save(Policy policy, string directory)
    {
        Directory.CreateDirectory(directory);
        using var scope = TorchSharp.torch.NewDisposeScope();
        if (policy.Model.HasAdapters)
            Lora.LoraAdapters.Save(policy.Model, Path.Combine(directory, AdapterFolder), (policy.Tokenizer as HfTokenizer)?.Folder);
        SafeTensorsFile.Write(Path.Combine(directory, WeightFiles.Single), Lora.LoraAdapters.WithAdaptersMerged(policy.Model, policy.Model.HfParameters()));
        var config = policy.Model.HfConfig();
        config["torch_dtype"] = PrecisionTypes.HfDType(policy.Model.DType);
        SaveMetadata(directory, config, policy.Tokenizer, PolicyKind, policy.Chat?.Template);
    }

    /// <summary>
    /// Writes config.json and generation_config.json (with the tokenizer's special ids), policy.json, and a Hugging Face
    /// tokenizer's files with <paramref name="chatTemplate"/> as their <c>chat_template</c>.
    /// </summary>
    internal static void SaveMetadata(string directory, JsonObject config, ITokenizer tokenizer, string kind, Chat.ChatTemplate? chatTemplate = null)
    {
        var options = new JsonSerializerOptions { WriteIndented = true };
        // The compact tokenizer has no BOS: its end of sequence also starts a text.
        var (bos, eos, pad) = (tokenizer.BeginningOfSequence ?? tokenizer.EndOfSequence, tokenizer.EndOfSequence, tokenizer.Padding ?? tokenizer.EndOfSequence);
        config["bos_token_id"] = bos;
        config["eos_token_id"] = eos;
        config["pad_token_id"] = pad;
        File.WriteAllText(Path.Combine(directory, HfConfig.FileName), config.ToJsonString(options));
        var generation = new JsonObject { ["bos_token_id"] = bos, ["eos_token_id"] = eos, ["pad_token_id"] = pad };
        File.WriteAllText(Path.Combine(directory, GenerationConfigFile), generation.ToJsonString(options));
        var gpt2Ids = tokenizer switch
        {
            CompactTokenizer compact => compact.Gpt2Ids.ToArray(),
            HfTokenizer hf => CopyTokenizerFiles(hf, directory, chatTemplate),
            _ => throw new NotSupportedException($"A {tokenizer.GetType().Name} cannot be saved with a checkpoint: train with the gym's tokenizer or a model folder's."),
        };
        File.WriteAllText(Path.Combine(directory, TokenizerFile), JsonSerializer.Serialize(new TokenizerFileContent(kind, gpt2Ids)));
    }

    /// <summary>Copies the tokenizer's files from the folder it was read from and writes the chat template into tokenizer_config.json.</summary>
    private static int[]? CopyTokenizerFiles(HfTokenizer tokenizer, string directory, Chat.ChatTemplate? chatTemplate)
    {
        var source = tokenizer.Folder ?? throw new InvalidOperationException("This tokenizer was not read from a model folder, so its files cannot be saved with the model.");
        foreach (var file in HfTokenizer.Files.Where(f => File.Exists(Path.Combine(source, f))))
            File.Copy(Path.Combine(source, file), Path.Combine(directory, file), overwrite: true);
        if (chatTemplate is null) return null;
        var configPath = Path.Combine(directory, "tokenizer_config.json");
        var config = File.Exists(configPath) ? JsonNode.Parse(File.ReadAllText(configPath))!.AsObject() : new JsonObject();
        config["chat_template"] = chatTemplate.Text;
        File.WriteAllText(configPath, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return null;
    }

    /// <summary>Whether <paramref name="directory"/> holds a model saved by a run (with its compact tokenizer).</summary>
    public static bool Exists(string directory) =>
        WeightFiles.Exist(directory) && File.Exists(Path.Combine(directory, HfConfig.FileName)) && File.Exists(Path.Combine(directory, TokenizerFile));

    /// <summary>The compact tokenizer saved beside a run's model, or null for a folder without one (or with a Hugging Face tokenizer's files).</summary>
    public static CompactTokenizer? TryLoadTokenizer(string directory) =>
        File.Exists(Path.Combine(directory, TokenizerFile)) && ReadTokenizerFile(directory).Gpt2Ids is { } ids ? new CompactTokenizer(ids) : null;

    /// <summary>The tokenizer saved with a run's model: the compact vocabulary of policy.json, else the folder's tokenizer files.</summary>
    private static ITokenizer LoadTokenizer(string directory, TokenizerFileContent file) =>
        file.Gpt2Ids is { } ids ? new CompactTokenizer(ids) : HfTokenizer.Load(directory);

    /// <summary>The chat format saved with a model trained with one (tokenizer_config.json's chat_template), else none.</summary>
    private static Chat.ChatFormat? LoadChat(string directory, ITokenizer tokenizer) =>
        tokenizer is HfTokenizer hf && TokenizerConfig.Read(directory).ChatTemplate is not null
            ? new Chat.ChatFormat(Chat.ChatTemplate.FromModelFolder(directory), hf.BosToken, hf.EosToken)
            : null;

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
        var tokenizer = LoadTokenizer(directory, file);
        return new Policy(model, tokenizer, device, LoadChat(directory, tokenizer));
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
        var tokenizer = LoadTokenizer(directory, file);
        var model = new RewardModel(PretrainedModels.Build(HfConfig.Read(directory)), tokenizer, device, LoadChat(directory, tokenizer));
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
