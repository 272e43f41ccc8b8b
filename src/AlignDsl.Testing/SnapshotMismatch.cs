namespace AlignDsl.Testing;

/// <summary>Why a snapshot file did not match.</summary>
public enum SnapshotMismatchKind
{
    /// <summary>The output has no verified file yet.</summary>
    Missing,

    /// <summary>The output differs from its verified file.</summary>
    Different,

    /// <summary>A verified file exists but the generator no longer produces that output.</summary>
    NoLongerProduced,
}

/// <summary>One snapshot file that did not match.</summary>
/// <param name="Kind">Why it did not match.</param>
/// <param name="VerifiedPath">The path of the verified file (which may not exist).</param>
/// <param name="ReceivedPath">The path the received text was written to; <see langword="null"/> when nothing was produced.</param>
/// <param name="Diff">The line diff, '-' for verified lines and '+' for received lines.</param>
public sealed record SnapshotMismatch(SnapshotMismatchKind Kind, string VerifiedPath, string? ReceivedPath, string Diff);
