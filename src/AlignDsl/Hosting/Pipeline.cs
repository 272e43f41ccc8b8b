using AlignDsl.Running;

namespace AlignDsl.Hosting;

/// <summary>Runs an experiment after the experiments it starts from, and prints each run's before/after table.</summary>
internal sealed class Pipeline(Catalog catalog, RunOptions options, TextWriter output)
{
    /// <summary>
    /// Checks every experiment the chain will run before any of them trains: its data files exist and can be read, and a
    /// parent it will not run has a finished run to start from. A mistake is then found in seconds, not after the parents trained.
    /// </summary>
    public void Validate(ExperimentEntry target, bool freshAncestors)
    {
        if (options.Resume is not null) return;
        var store = new RunStore(options.OutputRoot);
        foreach (var experiment in catalog.Chain(target))
        {
            if (experiment != target && !freshAncestors && store.LatestCheckpoint(experiment.Name) is not null) continue;
            foreach (var path in experiment.Descriptor.DataFiles)
            {
                if (!File.Exists(path))
                    throw new FileNotFoundException($"{experiment.Name} reads {Path.GetFullPath(path)}, which does not exist: nothing was run.", path);
                using var _ = File.OpenRead(path);
            }
        }
    }

    /// <param name="freshAncestors">Rerun every ancestor; otherwise only those with no finished run under the output root.</param>
    public async Task<IReadOnlyList<RunResult>> RunChainAsync(ExperimentEntry target, bool freshAncestors, CancellationToken cancellationToken)
    {
        var store = new RunStore(options.OutputRoot);
        var results = new List<RunResult>();
        // A resumed run loads the parent runs it started with: nothing before it is run again.
        var chain = options.Resume is null ? catalog.Chain(target) : [target];
        foreach (var experiment in chain)
        {
            var isTarget = experiment == target;
            if (!isTarget && !freshAncestors && store.LatestCheckpoint(experiment.Name) is { } existing)
            {
                output.WriteLine($"• {experiment.Name}: using the finished run at {Path.GetDirectoryName(existing)}");
                continue;
            }
            // A --steps override is meant for the experiment asked for, not the ones it starts from.
            var runOptions = isTarget ? options : options with { Steps = null, LearningRate = null, BatchSize = null, Beta = null, EvaluateWeights = null };
            using var run = new RunContext(experiment.Descriptor, runOptions, new ConsoleObserver(output, interactive: !Console.IsOutputRedirected));
            var result = await experiment.Run(run, cancellationToken);
            output.WriteLine();
            output.WriteLine(ResultsTable.Render(result));
            if (SafetyTable.Render(result) is { } safety) output.WriteLine(Environment.NewLine + safety);
            output.WriteLine($"  report: {Path.Combine(result.RunDirectory, Reports.RunReport.FileName)}");
            output.WriteLine();
            results.Add(result);
        }
        return results;
    }
}
