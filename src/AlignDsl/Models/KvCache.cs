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
    // Lengths and allocated positions are kept here: asking a tensor for its shape costs a call into libtorch per token.
    private readonly long[] _lengths, _allocated;
    private readonly long _capacity;

    /// <param name="layers">The model's layers.</param>
    /// <param name="capacity">The positions to allocate for at the first token (the prompt and every new token): 0 to grow as needed.</param>
    public KvCache(int layers, long capacity = 0)
    {
        _keys = new Tensor?[layers];
        _values = new Tensor?[layers];
        _lengths = new long[layers];
        _allocated = new long[layers];
        _capacity = capacity;
    }

    /// <summary>How many positions the cache holds.</summary>
    public long Length => _lengths[0];

    /// <summary>Writes this step's keys and values [batch, heads, time, head dim] for <paramref name="layer"/> and returns all of them.</summary>
    public (Tensor Keys, Tensor Values) Append(int layer, Tensor keys, Tensor values)
    {
        var (start, time) = (_lengths[layer], keys.size(2));
        if (start + time > _allocated[layer])
        {
            var size = Math.Max(start + time, Math.Max(_capacity, 2 * _allocated[layer]));
            _keys[layer] = Grow(_keys[layer], keys, start, size);
            _values[layer] = Grow(_values[layer], values, start, size);
            _allocated[layer] = size;
        }
        _keys[layer]!.narrow(2, start, time).copy_(keys);
        _values[layer]!.narrow(2, start, time).copy_(values);
        _lengths[layer] = start + time;
        return (_keys[layer]!.narrow(2, 0, start + time), _values[layer]!.narrow(2, 0, start + time));
    }

    /// <summary>
    /// Keeps only the batch rows <paramref name="rows"/> (indices, on the cache's device), in that order: rows that have
    /// finished sampling leave, so the next tokens are computed for the others only.
    /// </summary>
    public void KeepRows(Tensor rows)
    {
        for (var layer = 0; layer < _keys.Length; layer++)
        {
            _keys[layer] = Select(_keys[layer], rows);
            _values[layer] = Select(_values[layer], rows);
        }
    }

    private static Tensor? Select(Tensor? buffer, Tensor rows)
    {
        if (buffer is null) return null;
        var kept = buffer.index_select(0, rows).DetachFromDisposeScope();
        buffer.Dispose();
        return kept;
    }

    /// <summary>A buffer of <paramref name="size"/> positions shaped like <paramref name="like"/>, holding the first <paramref name="used"/> of <paramref name="buffer"/>.</summary>
    private static Tensor Grow(Tensor? buffer, Tensor like, long used, long size)
    {
        var shape = like.shape.ToArray();
        shape[2] = size;
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
