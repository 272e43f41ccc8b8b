namespace AlignDsl.Hosting;

/// <summary>The experiments a host knows, by name, and the InitFrom chains between them.</summary>
internal sealed class Catalog(IReadOnlyList<ExperimentEntry> experiments)
{
    public ExperimentEntry Find(string name) =>
        experiments.FirstOrDefault(e => e.Name == name)
        ?? throw new UsageException($"No experiment named '{name}'. Known: {string.Join(", ", experiments.Select(e => e.Name))}.");

    /// <summary>The experiments <paramref name="experiment"/> starts from, root first, then itself.</summary>
    public IReadOnlyList<ExperimentEntry> Chain(ExperimentEntry experiment)
    {
        var chain = new List<ExperimentEntry> { experiment };
        while (chain[0].Descriptor.InitFrom is { } parent)
        {
            var entry = experiments.FirstOrDefault(e => e.Name == parent)
                ?? throw new InvalidOperationException($"'{chain[0].Name}' starts from '{parent}', which this program does not contain.");
            if (chain.Contains(entry)) throw new InvalidOperationException($"InitFrom chain of '{experiment.Name}' forms a cycle.");
            chain.Insert(0, entry);
        }
        return chain;
    }
}
