namespace AlignDsl.Testing;

/// <summary>
/// One verified file and what the run produced for it: compares the two, and on a difference either
/// writes the received file beside it or, when accepting, overwrites (or deletes) the verified file.
/// </summary>
internal sealed class SnapshotFile
{
    /// <summary>The environment variable that, set to <c>1</c> or <c>true</c>, accepts received output.</summary>
    public const string AcceptVariable = "ALIGNDSL_ACCEPT";

    /// <param name="verifiedPath">The path of the verified file.</param>
    /// <param name="receivedPath">Where received text is written on a mismatch.</param>
    /// <param name="received">The normalised received text; <see langword="null"/> when the run produced nothing for this file.</param>
    public SnapshotFile(string verifiedPath, string receivedPath, string? received)
    {
        VerifiedPath = verifiedPath;
        ReceivedPath = receivedPath;
        Received = received;
    }

    public string VerifiedPath { get; }

    public string ReceivedPath { get; }

    public string? Received { get; }

    /// <summary>Whether <see cref="AcceptVariable"/> asks to accept the received output.</summary>
    public static bool AcceptRequested() =>
        Environment.GetEnvironmentVariable(AcceptVariable) is { } value
        && (value.Trim() == "1" || value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase));

    /// <summary>Compares, then writes the received file or accepts; returns the mismatch, or <see langword="null"/> when it passes.</summary>
    public SnapshotMismatch? Check(bool accept)
    {
        var verified = File.Exists(VerifiedPath) ? SnapshotText.Normalize(File.ReadAllText(VerifiedPath)) : null;
        if (verified == Received)
        {
            return null;
        }

        if (accept)
        {
            Accept();
            return null;
        }

        var kind = verified is null ? SnapshotMismatchKind.Missing
            : Received is null ? SnapshotMismatchKind.NoLongerProduced
            : SnapshotMismatchKind.Different;
        if (Received is not null)
        {
            Write(ReceivedPath, Received);
        }

        return new SnapshotMismatch(kind, VerifiedPath, Received is null ? null : ReceivedPath, LineDiff.Render(verified, Received));
    }

    private void Accept()
    {
        if (Received is null)
        {
            File.Delete(VerifiedPath);
        }
        else
        {
            Write(VerifiedPath, Received);
        }
    }

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
