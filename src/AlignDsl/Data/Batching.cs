namespace AlignDsl.Data;

/// <summary>Step-counted batching: a fresh seeded shuffle each epoch, every batch full, as many batches as steps.</summary>
internal static class Batching
{
    public static IEnumerable<(int Step, IReadOnlyList<T> Items)> Shuffled<T>(IReadOnlyList<T> items, int batchSize, int steps, int seed)
    {
        if (items.Count == 0) throw new InvalidOperationException("There is no training data to batch.");
        var random = new Random(seed);
        var order = Enumerable.Range(0, items.Count).ToArray();
        var next = order.Length;
        for (var step = 1; step <= steps; step++)
        {
            var batch = new List<T>(batchSize);
            while (batch.Count < batchSize)
            {
                if (next == order.Length) { random.Shuffle(order); next = 0; }
                batch.Add(items[order[next++]]);
            }
            yield return (step, batch);
        }
    }
}
