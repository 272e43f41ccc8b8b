using System.Globalization;

namespace AlignDsl.Running;

/// <summary>
/// The run folders under an output root. A run writes into <c>&lt;id&gt;.incomplete</c> and is renamed when it
/// finishes, so a folder without the suffix is always a complete run. A run that stops after a checkpoint keeps its
/// incomplete folder (resumable, or kept for inspection when it diverged); one that stops before any is removed.
/// </summary>
public sealed class RunStore(string root)
{
    public const string IncompleteSuffix = ".incomplete", CheckpointFolder = "checkpoint";

    /// <summary>Holds the id of the process running an incomplete folder, so <c>runs</c> tells a live run from a stale one.</summary>
    public const string LockFile = "run.lock";

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>
    /// Creates the folder a new run of <paramref name="experiment"/> writes into while it runs. The folder is made
    /// under a temporary name with its lock file in it and renamed into place; a rename onto an existing (non-empty)
    /// folder fails, so two runs starting in the same millisecond get two folders (the second with a <c>-2</c> suffix).
    /// </summary>
    public string BeginRun(string experiment)
    {
        var parent = Path.Combine(Root, experiment);
        Directory.CreateDirectory(parent);
        var id = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);
        var staging = Path.Combine(parent, $".new-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Combine(staging, LockFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        for (var attempt = 1; ; attempt++)
        {
            var name = attempt == 1 ? id : $"{id}-{attempt}";
            var directory = Path.Combine(parent, name + IncompleteSuffix);
            if (Directory.Exists(directory) || Directory.Exists(Path.Combine(parent, name))) continue;
            try
            {
                Directory.Move(staging, directory);
                return directory;
            }
            catch (IOException) when (Directory.Exists(directory) && attempt < 1000)
            {
                // Another run took this name between the check and the rename: try the next.
            }
        }
    }

    /// <summary>Marks a run complete and returns its final folder.</summary>
    public static string Complete(string incompleteDirectory)
    {
        File.Delete(Path.Combine(incompleteDirectory, LockFile));
        var final = incompleteDirectory[..^IncompleteSuffix.Length];
        Directory.Move(incompleteDirectory, final);
        return final;
    }

    /// <summary>The checkpoint of the newest complete run of <paramref name="experiment"/>, if any.</summary>
    public string? LatestCheckpoint(string experiment)
    {
        var directory = Path.Combine(Root, experiment);
        if (!Directory.Exists(directory)) return null;
        return Directory.GetDirectories(directory)
            .Where(d => !Path.GetFileName(d).Contains('.'))
            .OrderDescending(StringComparer.Ordinal)
            .Select(d => Path.Combine(d, CheckpointFolder))
            .FirstOrDefault(Models.Checkpoint.Exists);
    }

    /// <summary>
    /// The incomplete folder <c>--resume</c> names: a path, or <c>latest</c> for the newest incomplete run of
    /// <paramref name="experiment"/> that has a checkpoint and no live process.
    /// </summary>
    public string ResumeTarget(string experiment, string choice)
    {
        if (choice != "latest")
        {
            var path = Path.GetFullPath(choice);
            if (!Directory.Exists(path)) throw new ArgumentException($"--resume: no run folder at {path}.");
            if (!path.EndsWith(IncompleteSuffix, StringComparison.Ordinal))
                throw new ArgumentException($"--resume: {path} is a finished run; only an incomplete run (…{IncompleteSuffix}) can be resumed.");
            return path;
        }
        return Incomplete(experiment).Where(r => !r.IsRunning && r.LastCheckpointStep is not null).Select(r => r.Directory).LastOrDefault()
            ?? throw new ArgumentException($"--resume latest: {experiment} has no stopped run with a checkpoint under {Root}.");
    }

    /// <summary>Every run folder under the root, oldest first within each experiment.</summary>
    public IReadOnlyList<StoredRun> All() => !Directory.Exists(Root) ? [] : Directory.GetDirectories(Root)
        .Order(StringComparer.Ordinal)
        .SelectMany(e => Directory.GetDirectories(e)
            .Where(d => !Path.GetFileName(d).StartsWith('.') && !Path.GetFileName(d).Contains(".tmp-") && !Path.GetFileName(d).Contains(".old-"))
            .Order(StringComparer.Ordinal)
            .Select(d => StoredRun.Read(Path.GetFileName(e), d)))
        .ToList();

    /// <summary>The incomplete folders of <paramref name="experiment"/>, oldest first.</summary>
    public IEnumerable<StoredRun> Incomplete(string experiment) => All().Where(r => r.Experiment == experiment && r.IsIncomplete);
}
