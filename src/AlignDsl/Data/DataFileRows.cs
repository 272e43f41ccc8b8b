namespace AlignDsl.Data;

/// <summary>How many rows a run read from one data file, and for what (training or held out), for the console and summary.json.</summary>
public sealed record DataFileRows(string Path, string Role, int Rows)
{
    /// <summary>The rows of a split: the training file's and the held-out file's, or the training file's last tenth.</summary>
    public static IReadOnlyList<DataFileRows> Of<T>(string path, string? heldOutPath, Split<T> split) =>
        heldOutPath is null
            ? [new(path, "train", split.Train.Count), new(path, "held_out_last_tenth", split.HeldOut.Count)]
            : [new(path, "train", split.Train.Count), new(heldOutPath, "held_out", split.HeldOut.Count)];
}
