using static TorchSharp.torch;

namespace AlignDsl.Models;

/// <summary>Keys and values of the tokens seen so far, one pair per layer, so sampling runs each token once.</summary>
public sealed class KvCache : IDisposable
{
    private readonly Tensor?[] _keys, _values;

    public KvCache(int layers)
    {
        _keys = new Tensor?[layers];
        _values = new Tensor?[layers];
    }

    /// <summary>How many positions the cache holds.</summary>
    public long Length => _keys[0]?.shape[2] ?? 0;

    /// <summary>Appends this step's keys and values for <paramref name="layer"/> and returns all of them.</summary>
    public (Tensor Keys, Tensor Values) Append(int layer, Tensor keys, Tensor values)
    {
        var (oldKeys, oldValues) = (_keys[layer], _values[layer]);
        _keys[layer] = (oldKeys is null ? keys.alias() : cat([oldKeys, keys], 2)).DetachFromDisposeScope();
        _values[layer] = (oldValues is null ? values.alias() : cat([oldValues, values], 2)).DetachFromDisposeScope();
        oldKeys?.Dispose();
        oldValues?.Dispose();
        return (_keys[layer]!, _values[layer]!);
    }

    public void Dispose()
    {
        foreach (var t in _keys.Concat(_values)) t?.Dispose();
    }
}
