using static TorchSharp.torch;

namespace AlignDsl.Models;

/// <summary>
/// Keys and values of the tokens seen so far, one pair per layer, so sampling runs each token once. The buffers are
/// allocated once for <c>capacity</c> positions and written in place: a new token copies only its own keys and values,
/// never the whole history. Without a capacity (or past it) they grow by doubling.
/// </summary>
public sealed class KvCache : IDisposable
{
    private readonly Tensor?[] _keys, _values;
    private readonly long[] _lengths;
    private readonly long _capacity;

    /// <param name="layers">The model's layers.</param>
    /// <param name="capacity">The positions to allocate for at the first token (the prompt and every new token): 0 to grow as needed.</param>
    public KvCache(int layers, long capacity = 0)
    {
        _keys = new Tensor?[layers];
        _values = new Tensor?[layers];
        _lengths = new long[layers];
        _capacity = capacity;
    }

    /// <summary>How many positions the cache holds.</summary>
    public long Length => _lengths[0];

    /// <summary>Writes this step's keys and values [batch, heads, time, head dim] for <paramref name="layer"/> and returns all of them.</summary>
    public (Tensor Keys, Tensor Values) Append(int layer, Tensor keys, Tensor values)
    {
        var (start, time) = (_lengths[layer], keys.shape[2]);
        _keys[layer] = Ensure(_keys[layer], keys, start, start + time);
        _values[layer] = Ensure(_values[layer], values, start, start + time);
        _keys[layer]!.narrow(2, start, time).copy_(keys);
        _values[layer]!.narrow(2, start, time).copy_(values);
        _lengths[layer] = start + time;
        return (_keys[layer]!.narrow(2, 0, start + time), _values[layer]!.narrow(2, 0, start + time));
    }

    /// <summary>A buffer with room for <paramref name="needed"/> positions, holding the first <paramref name="used"/> of <paramref name="buffer"/>.</summary>
    private Tensor Ensure(Tensor? buffer, Tensor like, long used, long needed)
    {
        var size = buffer?.shape[2] ?? 0;
        if (needed <= size) return buffer!;
        var shape = like.shape.ToArray();
        shape[2] = Math.Max(needed, Math.Max(_capacity, 2 * size));
        var grown = empty(shape, like.dtype, like.device).DetachFromDisposeScope();
        if (buffer is not null)
        {
            using (NewDisposeScope()) grown.narrow(2, 0, used).copy_(buffer.narrow(2, 0, used));
            buffer.Dispose();
        }
        return grown;
    }

    public void Dispose()
    {
        foreach (var t in _keys.Concat(_values)) t?.Dispose();
    }
}
