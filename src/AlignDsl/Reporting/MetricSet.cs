using AlignDsl.Objectives;
using static TorchSharp.torch;

namespace AlignDsl.Reporting;

/// <summary>
/// Running sums of step metrics, kept on the device. Adding never reads the device; <see cref="ReadMeans"/> does,
/// once per logging interval, with a single transfer for all metrics. The same transfer carries the divergence
/// watch: the first step whose loss or gradient norm was not finite, recorded on the device at that step.
/// A metric is the mean of its values over the window, or, for a <see cref="PooledMean"/>, its summed values over its
/// summed counts (absent when the count is 0), with any <see cref="MeanDifference"/> of two of those.
/// </summary>
public sealed class MetricSet : IDisposable
{
    private readonly List<string> _names = [];
    private readonly Dictionary<string, (Tensor Sum, int Count)> _sums = [];
    private readonly Dictionary<string, (Tensor Sum, Tensor Count)> _pooled = [];
    private readonly Dictionary<string, MeanDifference> _differences = [];
    // Device scalars: how many watched values of the current step were not finite, and the first step that had one (0: none).
    private Tensor? _stepNonFinite, _firstNonFiniteStep;

    /// <summary>The metrics whose non-finite value means the run diverged: the loss and every gradient norm.</summary>
    public static bool IsWatched(string name) => name == "loss" || name.EndsWith("grad_norm", StringComparison.Ordinal);

    /// <summary>The first step whose loss or gradient norm was not finite, as of the last read from the device.</summary>
    public int? FirstNonFiniteStep { get; private set; }

    /// <summary>Adds every metric of a loss kernel's output, its pooled means and their differences included.</summary>
    public void Add(IObjectiveOutput output)
    {
        Add(output.Metrics());
        foreach (var pooled in output.PooledMeans()) Add(pooled);
        foreach (var difference in output.MeanDifferences()) Add(difference);
    }

    /// <summary>Adds a pooled mean's sum and count to the window's. No device read.</summary>
    public void Add(PooledMean pooled)
    {
        var (sum, count) = (Scalar(pooled.Sum), Scalar(pooled.Count));
        if (_pooled.TryGetValue(pooled.Name, out var entry))
        {
            entry.Sum.add_(sum);
            entry.Count.add_(count);
        }
        else
        {
            Register(pooled.Name);
            _pooled[pooled.Name] = (sum.clone().DetachFromDisposeScope(), count.clone().DetachFromDisposeScope());
        }
    }

    /// <summary>Declares a difference of two pooled means, reported whenever both are.</summary>
    public void Add(MeanDifference difference)
    {
        Register(difference.Name);
        _differences[difference.Name] = difference;
    }

    /// <summary>Adds named scalars, such as a rollout's figures.</summary>
    public void Add(IEnumerable<(string Name, Tensor Value)> metrics)
    {
        foreach (var (name, value) in metrics) Add(name, value);
    }

    /// <summary>Adds one scalar. Safe inside a step's dispose scope: the running sum lives outside it.</summary>
    public void Add(string name, Tensor? value)
    {
        if (value is null) return;
        var scalar = Scalar(value);
        if (IsWatched(name)) Watch(scalar);
        if (_sums.TryGetValue(name, out var entry))
        {
            entry.Sum.add_(scalar);
            _sums[name] = (entry.Sum, entry.Count + 1);
        }
        else
        {
            Register(name);
            _sums[name] = (scalar.clone().DetachFromDisposeScope(), 1);
        }
    }

    /// <summary>Closes <paramref name="step"/>: if any watched value added since the last call was not finite, it becomes the first bad step. No device read.</summary>
    public void EndStep(int step)
    {
        if (_stepNonFinite is null) return;
        using var scope = NewDisposeScope();
        var firstBad = (_firstNonFiniteStep!.eq(0) & _stepNonFinite.gt(0)).to(ScalarType.Float32);
        _firstNonFiniteStep.add_(firstBad * step);
        _stepNonFinite.zero_();
    }

    /// <summary>The mean of each metric since the last read, in first-added order; then starts over. Also refreshes <see cref="FirstNonFiniteStep"/>.</summary>
    public IReadOnlyDictionary<string, double> ReadMeans()
    {
        var names = _names.Where(_sums.ContainsKey).ToList();
        var pooled = _names.Where(_pooled.ContainsKey).ToList();
        if (names.Count == 0 && pooled.Count == 0 && _firstNonFiniteStep is null) return new Dictionary<string, double>();
        float[] values;
        var tensors = names.Select(n => _sums[n].Sum).Concat(pooled.Select(n => _pooled[n].Sum)).Concat(pooled.Select(n => _pooled[n].Count)).ToList();
        if (_firstNonFiniteStep is not null) tensors.Add(_firstNonFiniteStep);
        using (var stacked = stack(tensors).cpu()) values = stacked.data<float>().ToArray();
        if (_firstNonFiniteStep is not null) FirstNonFiniteStep = values[^1] > 0 ? (int)values[^1] : null;
        var read = new Dictionary<string, double>();
        for (var i = 0; i < names.Count; i++) read[names[i]] = values[i] / (double)_sums[names[i]].Count;
        for (var i = 0; i < pooled.Count; i++)
        {
            var count = values[names.Count + pooled.Count + i];
            if (count > 0) read[pooled[i]] = values[names.Count + i] / (double)count;
        }
        var means = new Dictionary<string, double>();
        foreach (var name in _names)
        {
            if (read.TryGetValue(name, out var mean)) means[name] = mean;
            else if (_differences.TryGetValue(name, out var d) && read.TryGetValue(d.Of, out var of) && read.TryGetValue(d.Minus, out var minus))
                means[name] = of - minus;
        }
        Reset();
        return means;
    }

    /// <summary>Reads only the divergence watch from the device (before a checkpoint is written, and at the end).</summary>
    public int? ReadFirstNonFiniteStep()
    {
        if (_firstNonFiniteStep is null) return null;
        var step = _firstNonFiniteStep.item<float>();
        return FirstNonFiniteStep = step > 0 ? (int)step : null;
    }

    /// <summary>Writes the running sums and the watch (the metric window a resumed run continues).</summary>
    public void Save(BinaryWriter writer)
    {
        var names = _names.Where(_sums.ContainsKey).ToList();
        writer.Write(names.Count);
        foreach (var name in names)
        {
            writer.Write(name);
            writer.Write(_sums[name].Count);
            writer.Write(_sums[name].Sum.item<float>());
        }
        writer.Write(_firstNonFiniteStep is null ? 0f : _firstNonFiniteStep.item<float>());
        var pooled = _names.Where(_pooled.ContainsKey).ToList();
        writer.Write(pooled.Count);
        foreach (var name in pooled)
        {
            writer.Write(name);
            writer.Write(_pooled[name].Sum.item<float>());
            writer.Write(_pooled[name].Count.item<float>());
        }
    }

    /// <summary>Replaces the window with one written by <see cref="Save"/>.</summary>
    public void Load(BinaryReader reader, Device device)
    {
        Reset();
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            var n = reader.ReadInt32();
            Register(name);
            _sums[name] = (tensor(reader.ReadSingle(), device: device).DetachFromDisposeScope(), n);
        }
        var firstBad = reader.ReadSingle();
        EnsureWatch(device);
        _firstNonFiniteStep!.fill_(firstBad);
        // Checkpoints written before pooled means end here.
        if (reader.BaseStream.Position == reader.BaseStream.Length) return;
        var pooled = reader.ReadInt32();
        for (var i = 0; i < pooled; i++)
        {
            var name = reader.ReadString();
            Register(name);
            var sum = tensor(reader.ReadSingle(), device: device).DetachFromDisposeScope();
            _pooled[name] = (sum, tensor(reader.ReadSingle(), device: device).DetachFromDisposeScope());
        }
    }

    public void Dispose()
    {
        Reset();
        _stepNonFinite?.Dispose();
        _firstNonFiniteStep?.Dispose();
    }

    private void Watch(Tensor scalar)
    {
        EnsureWatch(scalar.device);
        _stepNonFinite!.add_(scalar.isfinite().logical_not().to(ScalarType.Float32));
    }

    private void EnsureWatch(Device device)
    {
        if (_stepNonFinite is not null) return;
        _stepNonFinite = zeros([], ScalarType.Float32, device).DetachFromDisposeScope();
        _firstNonFiniteStep = zeros([], ScalarType.Float32, device).DetachFromDisposeScope();
    }

    private void Register(string name)
    {
        if (!_names.Contains(name)) _names.Add(name);
    }

    private static Tensor Scalar(Tensor value) => value.detach().to(ScalarType.Float32).reshape([]);

    private void Reset()
    {
        foreach (var (sum, _) in _sums.Values) sum.Dispose();
        _sums.Clear();
        foreach (var (sum, count) in _pooled.Values)
        {
            sum.Dispose();
            count.Dispose();
        }
        _pooled.Clear();
    }
}
