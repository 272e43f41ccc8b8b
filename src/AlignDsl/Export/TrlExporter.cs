using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AlignDsl.Data;
using AlignDsl.Models;
using AlignDsl.Running;
using AlignDsl.Tokenization;

namespace AlignDsl.Export;

/// <summary>What <c>export</c> was asked for: the target engine's strategy and GPU count, and where runs are kept.</summary>
public sealed record ExportOptions(string OutputFolder, DistributedStrategy Strategy = DistributedStrategy.Ddp, int Gpus = 1, string RunsRoot = "runs");

/// <summary>
/// Writes a folder that trains one experiment with TRL on <c>accelerate launch</c>: <c>train.py</c>,
/// <c>accelerate_config.yaml</c>, the data in TRL's format, the starting model (and PPO's reward model) in the Hugging
/// Face layout, <c>requirements.txt</c>, <c>export.json</c> (read back by import) and a README saying what maps how.
/// </summary>
public static class TrlExporter
{
    public const string ModelFolder = "model", RewardModelFolder = "reward_model", OutputFolder = "output";
    public const string TrainData = "data/train.jsonl", EvalData = "data/eval.jsonl", ManifestFile = "export.json";

    public static TrlRecipe Export(ExperimentDescriptor experiment, ExportOptions options)
    {
        if (options.Gpus < 1) throw new ArgumentException($"--gpus takes at least 1 (got {options.Gpus}).");
        var recipe = TrlRecipe.For(experiment, options.Gpus);
        var (train, eval) = TrlData.For(experiment, recipe, options.RunsRoot);
        var folder = options.OutputFolder;
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            throw new IOException($"{folder} is not empty: export into a new folder, so nothing of an earlier export is mixed in.");
        var notes = recipe.Notes.ToList();
        // Written under a temporary name and renamed: a failed export leaves no half-written folder behind.
        AtomicFolder.Write(folder, staging =>
        {
            Directory.CreateDirectory(Path.Combine(staging, "data"));
            TrlData.Write(Path.Combine(staging, TrainData), train);
            TrlData.Write(Path.Combine(staging, EvalData), eval);
            WriteStartingModel(experiment, options, train, Path.Combine(staging, ModelFolder), notes);
            if (recipe.UsesRewardModel) CopyRun(experiment.RewardFrom!, options.RunsRoot, Path.Combine(staging, RewardModelFolder), "its reward model");
            File.WriteAllText(Path.Combine(staging, "train.py"), TrlScript.Render(experiment, recipe));
            File.WriteAllText(Path.Combine(staging, "accelerate_config.yaml"), AccelerateConfig.Render(options.Strategy, options.Gpus, bf16: experiment.Precision == Precision.Bf16));
            File.WriteAllText(Path.Combine(staging, "requirements.txt"), TrlVersions.Requirements + "\n");
            File.WriteAllText(Path.Combine(staging, ManifestFile), Manifest(experiment, recipe, options));
            File.WriteAllText(Path.Combine(staging, "README.md"), TrlReadme.Render(experiment, recipe with { Notes = notes }, options, train.Count, eval.Count));
        });
        return recipe with { Notes = notes };
    }

    /// <summary>The policy the run starts from: the parent experiment's newest finished run, or a fresh tiny GPT as the local run makes it.</summary>
    private static void WriteStartingModel(ExperimentDescriptor experiment, ExportOptions options, IReadOnlyList<JsonObject> train, string target, List<string> notes)
    {
        if (experiment.InitFrom is { } parent)
            CopyRun(parent, options.RunsRoot, target, "the policy it starts from");
        else if (experiment.Pretrained is { } folder)
            CopyFolder(folder, target, experiment.ChatTemplate);
        else
        {
            TorchSharp.torch.random.manual_seed(experiment.Training.Seed);
            var texts = train.SelectMany(row => row.Select(p => p.Value)).OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>();
            var tokenizer = CompactTokenizer.FromCorpus(texts.Concat(Gym.Corpus()));
            using var policy = new Policy(new TinyGpt(experiment.Model with { VocabularySize = tokenizer.VocabularySize }), tokenizer, TorchSharp.torch.CPU);
            policy.Save(target);
        }
        if (!HasHfTokenizer(target))
            notes.Add("The model's tokenizer is AlignDsl's compact gym vocabulary (policy.json), which has no tokenizer.json: " +
                "AutoTokenizer cannot load it. Export experiments whose policy starts from a Hugging Face model folder to train them with TRL.");
    }

    /// <summary>A Hugging Face model folder as it is, with the declared chat template written into its tokenizer_config.json.</summary>
    private static void CopyFolder(string folder, string target, string? chatTemplate)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"The pretrained folder {Path.GetFullPath(folder)} does not exist.");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(folder)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        if (chatTemplate is null) return;
        var configPath = Path.Combine(target, "tokenizer_config.json");
        var config = File.Exists(configPath) ? JsonNode.Parse(File.ReadAllText(configPath)) as JsonObject ?? new JsonObject() : new JsonObject();
        config["chat_template"] = chatTemplate;
        File.WriteAllText(configPath, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static bool HasHfTokenizer(string folder) =>
        new[] { "tokenizer.json", "tokenizer.model", "vocab.json" }.Any(f => File.Exists(Path.Combine(folder, f)));

    private static void CopyRun(string experiment, string runsRoot, string target, string what)
    {
        var checkpoint = new RunStore(runsRoot).LatestCheckpoint(experiment) ?? throw new FileNotFoundException(
            $"The export needs {what}, the newest finished run of {experiment}, and {runsRoot} has none: run `run {experiment}` first.");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(checkpoint)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
    }

    private static string Manifest(ExperimentDescriptor experiment, TrlRecipe recipe, ExportOptions options) => new JsonObject
    {
        ["experiment"] = experiment.Name,
        ["class"] = experiment.ClassName,
        ["objective"] = experiment.Objective.ToString(),
        ["engine"] = "trl",
        ["trl"] = TrlVersions.Trl,
        ["trainer"] = recipe.Trainer,
        ["strategy"] = options.Strategy.ToString().ToLowerInvariant(),
        ["gpus"] = options.Gpus,
        ["aligndsl"] = Reporting.RunProvenance.Version,
        ["config"] = new JsonObject(recipe.Fields.Select(f => KeyValuePair.Create(f.Name, JsonSerializer.SerializeToNode(f.Value)))),
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
