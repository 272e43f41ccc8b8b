namespace AlignDsl.Running;

/// <summary>
/// The run folders under an output root. A run writes into <c>&lt;id&gt;.incomplete</c> and is renamed when it
/// finishes, so a folder without the suffix is always a complete run, and a failed run leaves nothing behind.
/// </summary>
public sealed class RunStore(string root)
{
    public const string IncompleteSuffix = ".incomplete", CheckpointFolder = "checkpoint";

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>Creates the folder a new run of <paramref name="experiment"/> writes into while it runs.</summary>
    public string BeginRun(string experiment)
    {
        var id = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", System.Globalization.CultureInfo.InvariantCulture);
        var directory = Path.Combine(Root, experiment, id + IncompleteSuffix);
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>Marks a run complete and returns its final folder.</summary>
    public static string Complete(string incompleteDirectory)
    {
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
            .Where(d => !d.EndsWith(IncompleteSuffix, StringComparison.Ordinal))
            .OrderDescending(StringComparer.Ordinal)
            .Select(d => Path.Combine(d, CheckpointFolder))
            .FirstOrDefault(Models.Checkpoint.Exists);
    }
}
