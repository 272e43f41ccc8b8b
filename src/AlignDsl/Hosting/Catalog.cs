namespace AlignDsl.Hosting;

/// <summary>The experiments a host knows, by name, and what each needs run first (InitFrom, RewardFrom).</summary>
internal sealed class Catalog(IReadOnlyList<ExperimentEntry> experiments)
{
    public ExperimentEntry Find(string name) =>
        experiments.FirstOrDefault(e => e.Name == name)
        ?? throw new UsageException($"No experiment named '{name}'.{Suggestions.For(name, experiments.Select(e => e.Name))} Known: {string.Join(", ", experiments.Select(e => e.Name))}");

    /// <summary>
    /// Every experiment <paramref name="experiment"/> needs, each after the ones it needs itself, then the experiment:
    /// for PPO, the SFT start and the reward model (and that reward model's own start).
    /// </summary>
    public IReadOnlyList<ExperimentEntry> Chain(ExperimentEntry experiment)
    {
        var order = new List<ExperimentEntry>();
        Visit(experiment, []);
        return order;

        void Visit(ExperimentEntry entry, HashSet<ExperimentEntry> path)
        {
            if (order.Contains(entry)) return;
            if (!path.Add(entry)) throw new InvalidOperationException($"The experiments '{experiment.Name}' needs form a cycle through '{entry.Name}'.");
            foreach (var need in entry.Descriptor.Needs)
                Visit(experiments.FirstOrDefault(e => e.Name == need)
                    ?? throw new InvalidOperationException($"'{entry.Name}' needs '{need}', which this program does not contain."), path);
            path.Remove(entry);
            order.Add(entry);
        }
    }
}
