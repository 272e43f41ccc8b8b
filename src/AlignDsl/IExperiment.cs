namespace AlignDsl;

/// <summary>An experiment class after generation: a description of what it holds and the loop that runs it.</summary>
public interface IExperiment
{
    static abstract ExperimentDescriptor Descriptor { get; }

    static abstract Task<RunResult> RunAsync(RunContext run, CancellationToken cancellationToken = default);
}
