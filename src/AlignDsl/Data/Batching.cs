namespace AlignDsl.Data;

/// <summary>
/// Step-counted batching: a fresh seeded shuffle each epoch, every batch full, as many batches as steps. Given each
/// example's length, batches are bucketed: the next <see cref="BucketWindow"/> batches' worth of shuffled examples are
/// sorted by length, cut into batches of neighbours, and those batches come in a seeded random order. A batch is padded
/// to its longest row, so rows of like length waste fewer positions; the order stays a function of the seed, which
/// a resumed run replays.
/// </summary>
internal static class Batching
{
    /// <summary>How many batches' worth of examples are sorted together; never more than the data set holds.</summary>
    public const int BucketWindow = 8;

    /// <summary>Batches of example indices into a data set of <paramref name="count"/> examples.</summary>
    /// <param name="length">Each example's length in tokens (a pair's: its longer row), for bucketing; null for none.</param>
    public static IEnumerable<(int Step, IReadOnlyList<int> Indices)> Shuffled(int count, int batchSize, int steps, int seed, Func<int, int>? length = null)
    {
        if (count == 0) throw new InvalidOperationException("There is no training data to batch.");
        var random = new Random(seed);
        var order = Enumerable.Range(0, count).ToArray();
        var next = order.Length;
        // A window never holds more than one epoch, so an example does not meet its own copy in a sorted window.
        var window = length is null ? 1 : Math.Clamp(count / batchSize, 1, BucketWindow);
        var step = 0;
        while (step < steps)
        {
            var pool = new int[batchSize * window];
            for (var i = 0; i < pool.Length; i++)
            {
                if (next == order.Length) { random.Shuffle(order); next = 0; }
                pool[i] = order[next++];
            }
            var batches = pool.Chunk(batchSize).ToArray();
            if (window > 1)
            {
                batches = pool.OrderBy(length!).Chunk(batchSize).ToArray();
                random.Shuffle(batches);
            }
            foreach (var batch in batches)
            {
                if (++step > steps) yield break;
                yield return (step, batch);
            }
        }
    }
}
