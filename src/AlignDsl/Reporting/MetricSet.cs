using AlignDsl.Objectives;
using static TorchSharp.torch;

namespace AlignDsl.Reporting;

/// <summary>
/// Running sums of step metrics, kept on the device. Adding never reads the device; <see cref="ReadMeans"/> does,
/// once per logging interval, with a single transfer for all metrics.
/// </summary>
public sealed class MetricSet : IDisposable
{
    private readonly List<string> _names = [];
    private readonly Dictionary<string, (Tensor Sum, int Count)> _sums = [];

    /// <summary>Adds every metric of a loss kernel's output.</summary>
    public void Add(IObjectiveOutput output) => Add(output.Metrics());

    /// <summary>Adds named scalars, such as a rollout's figures.</summary>
    public void Add(IEnumerable<(string Name, Tensor Value)> metrics)
    {
        foreach (var (name, value) in metrics) Add(name, value);
    }

    /// <summary>Adds one scalar. Safe inside a step's dispose scope: the running sum lives outside it.</summary>
    public void Add(string name, Tensor? value)
    {
        if (value is null) return;
        var scalar = value.detach().to(ScalarType.Float32).reshape([]);
        if (_sums.TryGetValue(name, out var entry))
        {
            entry.Sum.add_(scalar);
            _sums[name] = (entry.Sum, entry.Count + 1);
        }
        else
        {
            if (!_names.Contains(name)) _names.Add(name);
            _sums[name] = (scalar.clone().DetachFromDisposeScope(), 1);
        }
    }

    /// <summary>The mean of each metric since the last read, in first-added order; then starts over.</summary>
    public IReadOnlyDictionary<string, double> ReadMeans()
    {
        var names = _names.Where(_sums.ContainsKey).ToList();
        if (names.Count == 0) return new Dictionary<string, double>();
        float[] sums;
        using (var stacked = stack(names.Select(n => _sums[n].Sum)).cpu()) sums = stacked.data<float>().ToArray();
        var means = names.Select((n, i) => (n, (double)sums[i] / _sums[n].Count)).ToDictionary(p => p.n, p => p.Item2);
        Reset();
        return means;
    }

    public void Dispose() => Reset();

    private void Reset()
    {
        foreach (var (sum, _) in _sums.Values) sum.Dispose();
        _sums.Clear();
    }
}
