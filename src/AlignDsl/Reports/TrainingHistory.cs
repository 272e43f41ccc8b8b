using System.Text.Json;

namespace AlignDsl.Reports;

/// <summary>
/// The training lines of a run's <c>metrics.jsonl</c> (<c>"kind": "train"</c>, one every <c>LogEvery</c> steps), by
/// step. Which metrics a line holds depends on the objective; a metric logged as <c>null</c> (not finite) is absent.
/// </summary>
internal sealed class TrainingHistory
{
    private readonly List<(int Step, Dictionary<string, double> Metrics)> _points = [];

    public const string FileName = "metrics.jsonl";

    /// <summary>Reads the file; a run without one has an empty history. A malformed line throws a <see cref="JsonException"/>.</summary>
    public static TrainingHistory Read(string path)
    {
        var history = new TrainingHistory();
        if (!File.Exists(path)) return history;
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.GetProperty("kind").GetString() != "train") continue;
            var metrics = root.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number && p.Name != "step")
                .ToDictionary(p => p.Name, p => p.Value.GetDouble());
            history._points.Add((root.GetProperty("step").GetInt32(), metrics));
        }
        return history;
    }

    public bool Has(string metric) => _points.Any(p => p.Metrics.ContainsKey(metric));

    /// <summary>(step, value) wherever <paramref name="metric"/> was logged.</summary>
    public IEnumerable<(double X, double Y)> Series(string metric) =>
        _points.Where(p => p.Metrics.ContainsKey(metric)).Select(p => ((double)p.Step, p.Metrics[metric]));
}
