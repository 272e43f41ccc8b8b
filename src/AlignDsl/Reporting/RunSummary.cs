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
            ["experiment"] = result.Experiment,
            ["objective"] = result.Objective.ToString().ToLowerInvariant(),
            ["init_from"] = experiment.InitFrom,
            ["device"] = device,
            ["steps"] = result.Steps,
            ["seconds"] = Math.Round(result.Seconds, 3),
            ["tokens_per_second"] = Math.Round(result.TokensPerSecond, 1),
            // The whole process's peak: a run's own only when it is the process's only run.
            ["process_peak_resident_mib"] = ProcessMemory.PeakResidentBytes is { } peak ? Math.Round(peak / 1048576.0, 1) : null,
            ["estimated_training_mib"] = Math.Round(experiment.EstimatedTrainingBytes / 1048576.0, 2),
            ["resident_models"] = new JsonArray(experiment.ResidentModels.Select(m => (JsonNode)JsonValue.Create(m.ToString())!).ToArray()),
            ["final_metrics"] = Figures(result.FinalMetrics),
            ["eval"] = new JsonObject
            {
                ["before"] = Figures(result.Before.Figures),
                ["after"] = Figures(result.After.Figures),
                ["during"] = new JsonArray(result.During.Select(r => (JsonNode)new JsonObject { ["step"] = r.Step, ["figures"] = Figures(r.Figures) }).ToArray()),
            },
        };
        File.WriteAllText(path, summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static JsonObject Figures(IReadOnlyDictionary<string, double> figures) =>
        new(figures.Select(f => KeyValuePair.Create(f.Key, double.IsFinite(f.Value) ? (JsonNode?)JsonValue.Create(Math.Round(f.Value, 6)) : null)));
}
