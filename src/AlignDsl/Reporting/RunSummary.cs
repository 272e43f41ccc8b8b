using System.Text.Json;
using System.Text.Json.Nodes;
using AlignDsl.Evaluation;

namespace AlignDsl.Reporting;

/// <summary>Writes <c>summary.json</c>: what ran, how long, how fast, and the evaluations before, during and after.</summary>
public static class RunSummary
{
    public const string FileName = "summary.json";

    public static void Write(string path, RunResult result, ExperimentDescriptor experiment, string device)
    {
        var summary = new JsonObject
        {
            ["status"] = Running.RunStatus.Finished,
            ["experiment"] = result.Experiment,
            ["objective"] = result.Objective.ToString().ToLowerInvariant(),
            ["init_from"] = experiment.InitFrom,
            ["parents"] = Parents(result.Parents),
            ["device"] = device,
            ["seed"] = result.Seed,
            ["steps"] = result.Steps,
            ["seconds"] = Math.Round(result.Seconds, 3),
            ["tokens_per_second"] = Math.Round(result.TokensPerSecond, 1),
            // The whole process's peak: a run's own only when it is the process's only run.
            ["process_peak_resident_mib"] = ProcessMemory.PeakResidentBytes is { } peak ? Math.Round(peak / 1048576.0, 1) : null,
            ["estimated_training_mib"] = Math.Round(experiment.EstimatedTrainingBytes / 1048576.0, 2),
            ["resident_models"] = new JsonArray(experiment.ResidentModels.Select(m => (JsonNode)JsonValue.Create(m.ToString())!).ToArray()),
            ["final_metrics"] = Figures(result.FinalMetrics),
            ["warnings"] = new JsonArray(result.Warnings.Select(w => (JsonNode)JsonValue.Create(w)!).ToArray()),
            // PPO's failure-mode guards: bounds, action, and each signal that fired (first step, times, message).
            ["guards"] = result.Guards?.ToJson(),
            // How far the annotators of annotated training data agree; null for data without annotators.
            ["data_quality"] = result.DataQuality is { } quality
                ? new JsonObject
                {
                    ["kappa"] = Number(quality.Kappa), ["kappa_kind"] = quality.Kind.ToString().ToLowerInvariant(),
                    ["annotators"] = quality.Annotators, ["items"] = quality.Items, ["ties_dropped"] = quality.TiesDropped,
                }
                : null,
            // Rows read per JSONL file, training and held out; empty for the gym's data.
            ["data_files"] = new JsonArray(result.DataFiles
                .Select(f => (JsonNode)new JsonObject { ["path"] = f.Path, ["role"] = f.Role, ["rows"] = f.Rows }).ToArray()),
            // Every setting used, seed, device, precision, judge, data files, parents, versions: what an audit needs.
            ["provenance"] = result.Provenance?.ToJson(),
            ["eval"] = new JsonObject
            {
                ["before"] = Evaluation(result.Before),
                ["after"] = Evaluation(result.After),
                ["during"] = new JsonArray(result.During.Select(r => (JsonNode)new JsonObject { ["step"] = r.Step, ["figures"] = Evaluation(r) }).ToArray()),
            },
        };
        File.WriteAllText(path, summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>
    /// The <c>summary.json</c> of a run that stopped before finishing but whose folder is kept: why (its
    /// <see cref="Running.RunStatus"/>), and the checkpoint a resumed run continues from.
    /// </summary>
    public static void WriteStopped(string path, ExperimentDescriptor experiment, string status, int? lastCheckpointStep, string? lastCheckpoint,
        int seed, IReadOnlyDictionary<string, string> parents, Guards.GuardReport? guards = null)
    {
        var summary = new JsonObject
        {
            ["status"] = status,
            ["experiment"] = experiment.Name,
            ["objective"] = experiment.Objective.ToString().ToLowerInvariant(),
            ["init_from"] = experiment.InitFrom,
            ["parents"] = Parents(parents),
            ["seed"] = seed,
            ["last_checkpoint_step"] = lastCheckpointStep,
            ["last_checkpoint"] = lastCheckpoint,
            ["guards"] = guards?.ToJson(),
        };
        File.WriteAllText(path, summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static JsonObject Parents(IReadOnlyDictionary<string, string> parents) =>
        new(parents.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));

    /// <summary>
    /// One evaluation point: every figure flat (the headline keys <c>preference_accuracy</c>, <c>attack_success_rate</c>,
    /// <c>over_refusal_rate</c> among them), then each suite under its own name (snake case) with its categories and
    /// reliability bins.
    /// </summary>
    private static JsonObject Evaluation(EvalReport report)
    {
        // A suite with details (categories, bins) or a name no figure has gets a section under its name; a figure of
        // the same name (win_rate, kl) then lives inside it. A suite whose figures say it all (preference_accuracy) stays flat.
        var sections = report.Suites.Where(s => s.ByCategory.Count > 0 || s.Reliability.Count > 0 || !report.Figures.ContainsKey(s.Suite)).ToList();
        var node = Figures(report.Figures.Where(f => !sections.Any(s => s.Suite == f.Key)).ToDictionary());
        foreach (var suite in sections)
        {
            var section = Figures(suite.Figures);
            if (suite.ByCategory.Count > 0)
                section["by_category"] = new JsonObject(suite.ByCategory.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)Figures(c.Value))));
            if (suite.Reliability.Count > 0)
                section["reliability"] = new JsonArray(suite.Reliability.Select(b => (JsonNode)new JsonObject
                {
                    ["lower"] = b.Lower, ["upper"] = b.Upper, ["count"] = b.Count,
                    ["mean_confidence"] = Number(b.MeanConfidence), ["accuracy"] = Number(b.Accuracy),
                }).ToArray());
            node[suite.Suite] = section;
        }
        return node;
    }

    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 6)) : null;

    private static JsonObject Figures(IReadOnlyDictionary<string, double> figures) =>
        new(figures.Select(f => KeyValuePair.Create(f.Key, Number(f.Value))));
}
