using AlignDsl.Running;
using AlignDsl.Sweeps;

namespace AlignDsl.Hosting;

/// <summary>
/// <c>sweep NAME</c> (or <c>run NAME</c> of a sweep): runs each member in the order of its value, each after the experiments
/// it starts from (trained once, then reused), and writes the sweep's frontier into <c>runs/NAME/&lt;timestamp&gt;/</c>.
/// </summary>
internal static class SweepCommand
{
    public static bool IsSweep(IReadOnlyList<ExperimentEntry> experiments, string name) =>
        experiments.Any(e => e.Descriptor.Sweep?.Sweep == name) && experiments.All(e => e.Name != name);

    /// <summary>The members of <paramref name="sweep"/> by value; a name that is no sweep is a usage error naming the sweeps there are.</summary>
    public static IReadOnlyList<ExperimentEntry> Members(IReadOnlyList<ExperimentEntry> experiments, string sweep)
    {
        var members = experiments.Where(e => e.Descriptor.Sweep?.Sweep == sweep).OrderBy(e => e.Descriptor.Sweep!.Value).ToList();
        if (members.Count > 0) return members;
        var sweeps = experiments.Select(e => e.Descriptor.Sweep?.Sweep).OfType<string>().Distinct().ToList();
        throw new UsageException($"No sweep named '{sweep}'.{Suggestions.For(sweep, sweeps)} " +
            (sweeps.Count == 0 ? "This program declares no [Sweep]." : $"Known: {string.Join(", ", sweeps)}"));
    }

    /// <returns>The sweep's folder, with <c>frontier.md</c> and <c>frontier.png</c>.</returns>
    public static async Task<string> RunAsync(Catalog catalog, IReadOnlyList<ExperimentEntry> members, RunOptions options, TextWriter output,
        CancellationToken cancellationToken)
    {
        var point = members[0].Descriptor.Sweep!;
        if (options.Beta is not null) throw new UsageException($"--beta: the sweep {point.Sweep} gives each member its own {point.Setting}");
        if (options.Resume is not null) throw new UsageException("--resume: resume one member with `run MEMBER --resume`, then run the sweep again");
        var pipeline = new Pipeline(catalog, options, output);
        // Every member's chain is checked before the first trains, as `run` checks its own.
        foreach (var member in members) pipeline.Validate(member, freshAncestors: false);
        var finished = new List<SweepMember>();
        foreach (var member in members)
        {
            output.WriteLine($"▶ {point.Sweep}: {point.Setting} = {member.Descriptor.Sweep!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({member.Name})");
            var results = await pipeline.RunChainAsync(member, freshAncestors: false, cancellationToken);
            finished.Add(new SweepMember(member.Descriptor.Sweep!, results[^1]));
        }
        var folder = new RunStore(options.OutputRoot).BeginRun(point.Sweep);
        var table = SweepReport.Write(folder, point.Sweep, finished);
        folder = RunStore.Complete(folder);
        output.WriteLine(table);
        output.WriteLine($"  frontier: {Path.Combine(folder, SweepReport.PlotFile)} ({Path.Combine(folder, SweepReport.TableFile)})");
        return folder;
    }
}
