using AlignDsl.Running;

namespace AlignDsl.Hosting;

/// <summary>The <c>runs</c> command: every run folder with its status and newest checkpoint; <c>--prune</c> removes stale incomplete ones.</summary>
internal static class RunList
{
    public static string Render(RunStore store, bool prune)
    {
        var runs = store.All();
        if (runs.Count == 0) return $"No runs under {store.Root}.";
        var lines = new List<string>();
        var rows = runs.Select(r => new[]
        {
            r.Experiment, Path.GetFileName(r.Directory), r.Status, r.LastCheckpointStep?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            prune && r.IsStale ? "removed" : "",
        }).ToList();
        lines.Add(Table.Render(["experiment", "run", "status", "checkpoint step", prune ? "pruned" : ""], rows));
        if (prune)
        {
            foreach (var run in runs.Where(r => r.IsStale)) Directory.Delete(run.Directory, recursive: true);
            lines.Add($"Removed {runs.Count(r => r.IsStale)} stopped incomplete run folder(s).");
        }
        else if (runs.Any(r => r.IsStale))
            lines.Add($"{runs.Count(r => r.IsStale)} incomplete run folder(s) are not running: `run NAME --resume FOLDER` continues one with a checkpoint; `runs --prune` removes them.");
        return string.Join(Environment.NewLine, lines);
    }
}
