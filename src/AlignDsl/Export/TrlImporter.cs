using System.Text.Json;
using System.Text.Json.Nodes;
using AlignDsl.Models.SafeTensors;
using AlignDsl.Running;

namespace AlignDsl.Export;

/// <summary>
/// Brings a model TRL trained back as a run folder of the experiment it was exported from: the checkpoint (Hugging Face
/// layout), <c>metrics.jsonl</c> from TRL's <c>trainer_state.json</c> log history (training and evaluation lines, TRL's
/// metric names), and a <c>summary.json</c> saying where it came from. Experiments can then start from it, and
/// <c>evaluate</c> runs the declared suites on it.
/// </summary>
public static class TrlImporter
{
    public const string TrainerStateFile = "trainer_state.json";

    /// <returns>The finished run folder.</returns>
    public static string Import(string trlOutput, ExperimentDescriptor experiment, string runsRoot)
    {
        if (!Directory.Exists(trlOutput)) throw new DirectoryNotFoundException($"{trlOutput} does not exist: give the folder TRL saved its model in (output_dir).");
        if (!WeightFiles.Exist(trlOutput) || !File.Exists(Path.Combine(trlOutput, Models.Architectures.HfConfig.FileName)))
            throw new InvalidDataException($"{trlOutput} holds no model in the Hugging Face layout (config.json and model.safetensors): give TRL's output_dir.");
        var manifest = ReadManifest(trlOutput);
        if (manifest?["experiment"]?.GetValue<string>() is { } exported && exported != experiment.Name)
            throw new ArgumentException($"{trlOutput} was exported from {exported}, not {experiment.Name}: import it --as {exported}.");
        var history = LogHistory(trlOutput);

        var store = new RunStore(runsRoot);
        var run = store.BeginRun(experiment.Name);
        try
        {
            var checkpoint = Path.Combine(run, RunStore.CheckpointFolder);
            Directory.CreateDirectory(checkpoint);
            foreach (var file in Directory.GetFiles(trlOutput).Where(f => !Path.GetFileName(f).StartsWith("training_args", StringComparison.Ordinal)))
                File.Copy(file, Path.Combine(checkpoint, Path.GetFileName(file)));
            // A gym export's model carries the compact vocabulary beside it, which TRL does not save: bring it back.
            var exportedModel = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(trlOutput))!, TrlExporter.ModelFolder);
            var vocabulary = Path.Combine(exportedModel, Models.Checkpoint.TokenizerFile);
            if (File.Exists(vocabulary) && !File.Exists(Path.Combine(checkpoint, Models.Checkpoint.TokenizerFile)))
                File.Copy(vocabulary, Path.Combine(checkpoint, Models.Checkpoint.TokenizerFile));
            File.WriteAllLines(Path.Combine(run, Reporting.RunLog.FileName), history.Select(MetricsLine), new System.Text.UTF8Encoding(false));
            File.WriteAllText(Path.Combine(run, Reporting.RunSummary.FileName), Summary(experiment, trlOutput, manifest, history));
            return RunStore.Complete(run);
        }
        catch
        {
            Directory.Delete(run, recursive: true);
            throw;
        }
    }

    private static JsonObject? ReadManifest(string trlOutput)
    {
        var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(trlOutput))!, TrlExporter.ManifestFile);
        return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject : null;
    }

    /// <summary>TRL's log history: from the output folder's trainer_state.json, else its newest checkpoint-N's.</summary>
    public static IReadOnlyList<JsonObject> LogHistory(string trlOutput)
    {
        var path = Path.Combine(trlOutput, TrainerStateFile);
        if (!File.Exists(path))
            path = Directory.GetDirectories(trlOutput, "checkpoint-*")
                .Select(d => (Step: int.TryParse(Path.GetFileName(d)["checkpoint-".Length..], out var step) ? step : -1, File: Path.Combine(d, TrainerStateFile)))
                .Where(c => c.Step >= 0 && File.Exists(c.File)).OrderByDescending(c => c.Step).Select(c => c.File).FirstOrDefault()
                ?? throw new FileNotFoundException($"{trlOutput} has no {TrainerStateFile}: the exported train.py writes it with trainer.save_state().");
        var state = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path} is not a JSON object.");
        if (state["log_history"] is not JsonArray history) throw new InvalidDataException($"{path} has no log_history list.");
        return history.Select((entry, i) => entry as JsonObject ?? throw new InvalidDataException($"{path}: log_history[{i}] is not an object."))
            .Where(e => e["step"] is not null).ToList();
    }

    /// <summary>One log entry as a metrics.jsonl line: evaluation entries (eval_*) are "eval" lines labelled "trl", the rest "train".</summary>
    private static string MetricsLine(JsonObject entry)
    {
        var isEval = entry.Any(p => p.Key.StartsWith("eval_", StringComparison.Ordinal));
        var line = new JsonObject { ["step"] = entry["step"]!.GetValue<int>(), ["kind"] = isEval ? "eval" : "train" };
        if (isEval) line["label"] = "trl";
        foreach (var (key, value) in entry)
        {
            if (key is "step" or "epoch" || value is not JsonValue number || !number.TryGetValue<double>(out var figure)) continue;
            line[isEval && key.StartsWith("eval_", StringComparison.Ordinal) ? key["eval_".Length..] : key] = figure;
        }
        return line.ToJsonString();
    }

    private static string Summary(ExperimentDescriptor experiment, string trlOutput, JsonObject? manifest, IReadOnlyList<JsonObject> history)
    {
        var train = history.Where(e => !e.Any(p => p.Key.StartsWith("eval_", StringComparison.Ordinal)) && e.ContainsKey("loss")).ToList();
        var summary = new JsonObject
        {
            ["status"] = RunStatus.Finished,
            ["experiment"] = experiment.Name,
            ["objective"] = experiment.Objective.ToString().ToLowerInvariant(),
            ["init_from"] = experiment.InitFrom,
            ["steps"] = history.Count == 0 ? 0 : history.Max(e => e["step"]!.GetValue<int>()),
            ["final_metrics"] = train.Count == 0 ? null : JsonNode.Parse(MetricsLine(train[^1])),
            ["provenance"] = new JsonObject
            {
                ["engine"] = "trl",
                ["imported_from"] = Path.GetFullPath(trlOutput),
                ["export"] = manifest?.DeepClone(),
                ["aligndsl_version"] = Reporting.RunProvenance.Version,
            },
        };
        return summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
