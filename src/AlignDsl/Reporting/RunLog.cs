using System.Text.Json;
using AlignDsl.Evaluation;
using TorchSharp.Modules;
using static TorchSharp.torch.utils;

namespace AlignDsl.Reporting;

/// <summary>
/// The files a run writes as it goes: <c>metrics.jsonl</c> (one object per logging interval and per evaluation)
/// and TensorBoard event files under <c>tensorboard/</c>.
/// </summary>
internal sealed class RunLog : IDisposable
{
    public const string FileName = "metrics.jsonl";

    private readonly StreamWriter _jsonl;
    private readonly SummaryWriter _tensorBoard;

    /// <param name="append">Continue the file (a resumed run); otherwise start it.</param>
    public RunLog(string runDirectory, bool append = false)
    {
        _jsonl = new StreamWriter(Path.Combine(runDirectory, FileName), append) { AutoFlush = true };
        _tensorBoard = tensorboard.SummaryWriter(Path.Combine(runDirectory, "tensorboard"));
    }

    public void Metrics(int step, IReadOnlyDictionary<string, double> values)
    {
        WriteLine(new Dictionary<string, object> { ["step"] = step, ["kind"] = "train" }, values);
        foreach (var (name, value) in values) _tensorBoard.add_scalar("train/" + name, (float)value, step);
    }

    public void Evaluation(EvalReport report)
    {
        WriteLine(new Dictionary<string, object> { ["step"] = report.Step, ["kind"] = "eval", ["label"] = report.Label }, report.Figures);
        foreach (var (name, value) in report.Figures) _tensorBoard.add_scalar("eval/" + name, (float)value, report.Step);
    }

    private void WriteLine(Dictionary<string, object> head, IReadOnlyDictionary<string, double> values)
    {
        foreach (var (name, value) in values) head[name] = double.IsFinite(value) ? value : null!;
        _jsonl.WriteLine(JsonSerializer.Serialize(head));
    }

    public void Dispose() => _jsonl.Dispose();

    /// <summary>The training lines of a <c>metrics.jsonl</c> (step and metric means), in order; none when there is no file.</summary>
    public static IEnumerable<(int Step, IReadOnlyDictionary<string, double> Metrics)> ReadTraining(string path)
    {
        if (!File.Exists(path)) yield break;
        foreach (var line in File.ReadLines(path))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (!root.TryGetProperty("kind", out var kind) || kind.GetString() != "train") continue;
            var metrics = root.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number)
                .Where(p => p.Name != "step").ToDictionary(p => p.Name, p => p.Value.GetDouble());
            yield return (root.GetProperty("step").GetInt32(), metrics);
        }
    }
}
