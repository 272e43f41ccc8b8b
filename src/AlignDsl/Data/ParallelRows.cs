using System.Runtime.ExceptionServices;
using AlignDsl.Reporting;

namespace AlignDsl.Data;

/// <summary>
/// Maps every row (tokenizes it) on all cores, the results in the rows' order, with progress for a large input. Rows left
/// on disk (<see cref="JsonlRows{T}"/>) are read in order by one thread and parsed and mapped on all of them, so only
/// the results are ever held. One thread is the plain serial loop, which gives the same results.
/// </summary>
internal static class ParallelRows
{
    /// <param name="threads">Threads to map on: 0 for every core, 1 for the serial loop.</param>
    /// <param name="unit">What a row is, for the progress line ("pairs").</param>
    public static TResult[] Map<T, TResult>(IEnumerable<T> rows, Func<T, TResult> map, int threads, string unit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        var file = rows as JsonlRows<T>;
        var count = rows.TryGetNonEnumeratedCount(out var known) ? known : 0;
        var progress = ProgressMeter.Start(file is null ? "tokenizing" : $"tokenizing {file.Path}", count, unit, large: count >= ProgressMeter.LargeRows);
        TResult Mapped(T row)
        {
            var result = map(row);
            progress.Advance(1, 1);
            return result;
        }

        TResult[] results;
        if (threads == 1) results = rows.Select(Mapped).ToArray();
        else
        {
            var degree = threads == 0 ? Environment.ProcessorCount : threads;
            try
            {
                results = file is not null
                    ? file.Lines().AsParallel().AsOrdered().WithDegreeOfParallelism(degree).Select(l => Mapped(file.Parse(l.Text, l.Line))).ToArray()
                    : rows.AsParallel().AsOrdered().WithDegreeOfParallelism(degree).Select(Mapped).ToArray();
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                // A row's own error (a line that changed on disk, a template that fails) as the serial loop would throw it.
                ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
                throw;
            }
        }
        progress.Finish();
        return results;
    }
}
