using System.Globalization;
using System.Text.Json.Nodes;
using AlignDsl.Checkpointing;

namespace AlignDsl.Running;

/// <summary>A run folder as <c>runs</c> shows it: its status, the process running it (if any) and its newest checkpoint.</summary>
public sealed record StoredRun(string Experiment, string Directory, string Status, int? LastCheckpointStep, bool IsRunning)
{
    public bool IsIncomplete => Directory.EndsWith(RunStore.IncompleteSuffix, StringComparison.Ordinal);

    /// <summary>An incomplete folder no process is writing: stopped, diverged, or left by a killed process.</summary>
    public bool IsStale => IsIncomplete && !IsRunning;

    public static StoredRun Read(string experiment, string directory)
    {
        var running = LockHolderAlive(Path.Combine(directory, RunStore.LockFile));
        var status = ReadStatus(directory) ?? (directory.EndsWith(RunStore.IncompleteSuffix, StringComparison.Ordinal)
            ? running ? "running" : "stopped"
            : RunStatus.Finished);
        return new StoredRun(experiment, directory, status, CheckpointStore.LatestStep(directory), running);
    }

    private static string? ReadStatus(string directory)
    {
        var summary = Path.Combine(directory, Reporting.RunSummary.FileName);
        if (!File.Exists(summary)) return null;
        try { return JsonNode.Parse(File.ReadAllText(summary))?["status"]?.GetValue<string>(); }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException) { return null; }
    }

    private static bool LockHolderAlive(string lockFile)
    {
        if (!File.Exists(lockFile)) return false;
        if (!int.TryParse(File.ReadAllText(lockFile).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)) return false;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }
    }
}
