namespace AlignDsl.Testing.Tests;

/// <summary>Sets ALIGNDSL_ACCEPT for one test and restores the previous value on dispose.</summary>
internal sealed class AcceptVariable : IDisposable
{
    private const string Name = "ALIGNDSL_ACCEPT";
    private readonly string? _previous = Environment.GetEnvironmentVariable(Name);

    private AcceptVariable(string? value) => Environment.SetEnvironmentVariable(Name, value);

    public static AcceptVariable On() => new("1");

    public static AcceptVariable Off() => new(null);

    public void Dispose() => Environment.SetEnvironmentVariable(Name, _previous);
}

/// <summary>Tests that write snapshot files or read ALIGNDSL_ACCEPT run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SnapshotFilesCollection
{
    public const string Name = "Snapshot files";
}
