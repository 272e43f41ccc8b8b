namespace AlignDsl.Data;

/// <summary>Step-counted batching: a fresh seeded shuffle each epoch, every batch full, as many batches as steps.</summary>
internal static class Batching
{
    /// <summary>Batches of example indices into a data set of <paramref name="count"/> examples.</summary>
    public static IEnumerable<(int Step, IReadOnlyList<int> Indices)> Shuffled(int count, int batchSize, int steps, int seed)
    {
        if (count == 0) throw new InvalidOperationException("There is no training data to batch.");
        var random = new Random(seed);
        var order = Enumerable.Range(0, count).ToArray();
        var next = order.Length;
        for (var step = 1; step <= steps; step++)
        {
            var batch = new List<int>(batchSize);
            while (batch.Count < batchSize)
            {
                if (next == order.Length) { random.Shuffle(order); next = 0; }
                batch.Add(order[next++]);
            }
            yield return (step, batch);
        }
    }
}
