using System.Diagnostics;

namespace AlignDsl.Reporting;

/// <summary>
/// Counts the rows of a long piece of data work and tells the run's observer a few times a second. The data readers and
/// tokenizers are static calls from the generated loop, so the observer reaches them through <see cref="Route"/>, which a
/// run sets for its own async flow; with no run (a test, a user's own call) or for small inputs a meter is silent.
/// Safe to advance from several threads.
/// </summary>
public sealed class ProgressMeter
{
    /// <summary>From this many rows tokenizing shows progress: the gym and small files stay quiet.</summary>
    public const int LargeRows = 10_000;

    /// <summary>From this many bytes reading a file shows progress.</summary>
    public const long LargeBytes = 4L << 20;

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private static readonly AsyncLocal<IRunObserver?> Observer = new();

    private readonly IRunObserver? _observer;
    private readonly string _task, _unit;
    private readonly long _total;
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly object _gate = new();
    private long _done, _rows;
    private TimeSpan _lastReport;
    private bool _finished;

    private ProgressMeter(IRunObserver? observer, string task, long total, string unit)
    {
        _observer = observer;
        _task = task;
        _total = Math.Max(1, total);
        _unit = unit;
    }

    /// <summary>Sends the progress of data work started in this async flow to <paramref name="observer"/> until disposed.</summary>
    public static IDisposable Route(IRunObserver observer)
    {
        var previous = Observer.Value;
        Observer.Value = observer;
        return new Restore(previous);
    }

    /// <summary>A meter over <paramref name="total"/> units of work; silent unless <paramref name="large"/> and a run is listening.</summary>
    public static ProgressMeter Start(string task, long total, string unit, bool large) =>
        new(large ? Observer.Value : null, task, total, unit);

    /// <summary>Adds finished work: <paramref name="done"/> units of the total and <paramref name="rows"/> rows.</summary>
    public void Advance(long done, long rows)
    {
        if (_observer is null) return;
        Interlocked.Add(ref _done, done);
        Interlocked.Add(ref _rows, rows);
        if (_watch.Elapsed - _lastReport >= Interval) Report(final: false);
    }

    /// <summary>The final line, at 100 %: call it when the work has ended without an error.</summary>
    public void Finish()
    {
        if (_observer is not null) Report(final: true);
    }

    private void Report(bool final)
    {
        lock (_gate)
        {
            if (_finished || (!final && _watch.Elapsed - _lastReport < Interval)) return;
            _lastReport = _watch.Elapsed;
            _finished = final;
            var fraction = final ? 1 : Math.Min(0.999, (double)Interlocked.Read(ref _done) / _total);
            _observer!.Progress(new DataProgress(_task, fraction, Interlocked.Read(ref _rows), _unit, _watch.Elapsed));
        }
    }

    private sealed class Restore(IRunObserver? previous) : IDisposable
    {
        public void Dispose() => Observer.Value = previous;
    }
}
