using System.Runtime.ExceptionServices;
using AlignDsl.Reporting;

namespace AlignDsl.Data;

/// <summary>
/// Maps every row (tokenizes it) on all cores, a chunk of rows at a time, and hands the results over in the rows' order,
/// so that only the chunk's results are held besides what the caller keeps. Rows left on disk (<see cref="JsonlRows{T}"/>)
/// are read in order on this thread and parsed and mapped on all of them. A large input shows progress. One thread is
/// the plain serial loop, which gives the same results.
/// </summary>
internal static class ParallelRows
{
    private const int ChunkRows = 4096;

    /// <param name="consume">Takes each row's result, in row order, on the calling thread.</param>
    /// <param name="threads">Threads to map on: 0 for every core, 1 for the serial loop.</param>
    /// <param name="unit">What a row is, for the progress line ("pairs").</param>
    public static void Map<T, TResult>(IEnumerable<T> rows, Func<T, TResult> map, Action<TResult> consume, int threads, string unit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        var file = rows as JsonlRows<T>;
        var count = rows.TryGetNonEnumeratedCount(out var known) ? known : 0;
        var progress = ProgressMeter.Start(file is null ? "tokenizing" : $"tokenizing {file.Path}", count, unit, large: count >= ProgressMeter.LargeRows);
        if (threads == 1)
        {
            foreach (var row in rows)
            {
                consume(map(row));
                progress.Advance(1, 1);
            }
        }
        else
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = threads == 0 ? Environment.ProcessorCount : threads };
            if (file is not null) InChunks(file.Lines(), line => map(file.Parse(line.Text, line.Line)), consume, options, progress);
            else InChunks(rows, map, consume, options, progress);
        }
        progress.Finish();
    }

    private static void InChunks<TSource, TResult>(IEnumerable<TSource> source, Func<TSource, TResult> map, Action<TResult> consume, ParallelOptions options,
        ProgressMeter progress)
    {
        var results = new TResult[ChunkRows];
        foreach (var chunk in source.Chunk(ChunkRows))
        {
            try { Parallel.For(0, chunk.Length, options, i => results[i] = map(chunk[i])); }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                // A row's own error (a line changed on disk, a template that fails) as the serial loop would throw it.
                ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            }
            for (var i = 0; i < chunk.Length; i++) consume(results[i]);
            progress.Advance(chunk.Length, chunk.Length);
        }
    }
}
