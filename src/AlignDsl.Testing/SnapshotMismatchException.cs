using System.Text;

namespace AlignDsl.Testing;

/// <summary>Thrown when generated output does not match its verified snapshots; the message holds the diffs.</summary>
public sealed class SnapshotMismatchException : Exception
{
    /// <summary>Creates the exception for the given mismatches of snapshot <paramref name="snapshotName"/>.</summary>
    /// <param name="snapshotName">The name of the snapshot that failed.</param>
    /// <param name="mismatches">The files that did not match; at least one.</param>
    public SnapshotMismatchException(string snapshotName, IReadOnlyList<SnapshotMismatch> mismatches)
        : base(Describe(snapshotName, mismatches))
    {
        SnapshotName = snapshotName;
        Mismatches = mismatches;
    }

    /// <summary>The name of the snapshot that failed.</summary>
    public string SnapshotName { get; }

    /// <summary>The files that did not match.</summary>
    public IReadOnlyList<SnapshotMismatch> Mismatches { get; }

    private static string Describe(string snapshotName, IReadOnlyList<SnapshotMismatch> mismatches)
    {
        var text = new StringBuilder();
        text.Append($"Snapshot '{snapshotName}' does not match ({mismatches.Count} file(s)).\n");
        foreach (var m in mismatches)
        {
            text.Append('\n').Append(m.Kind switch
            {
                SnapshotMismatchKind.Missing => "No verified file yet:\n",
                SnapshotMismatchKind.Different => "Received text differs from the verified file:\n",
                _ => "The generator no longer produces this verified file:\n",
            });
            text.Append($"  verified: {m.VerifiedPath}\n");
            text.Append($"  received: {m.ReceivedPath ?? "(nothing produced)"}\n");
            text.Append(m.Diff);
        }

        text.Append("\nTo accept the received output, set the environment variable ALIGNDSL_ACCEPT=1 and rerun the tests,\n");
        text.Append("or copy each .received file over its .verified file (and delete verified files no longer produced).\n");
        return text.ToString();
    }
}
