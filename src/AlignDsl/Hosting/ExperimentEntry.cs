namespace AlignDsl.Hosting;

/// <summary>One generated experiment as the host sees it: its descriptor and its generated run.</summary>
public sealed record ExperimentEntry(ExperimentDescriptor Descriptor, Func<RunContext, CancellationToken, Task<RunResult>> Run)
{
    public string Name => Descriptor.Name;
}
