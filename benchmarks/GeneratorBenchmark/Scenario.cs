using System.Diagnostics;

namespace GeneratorBenchmark;

/// <summary>
/// One thing to time: an untimed set-up, the timed work, and what its result holds (files and diagnostics). Scenarios
/// run in rounds, each round every scenario once, so a slow spell of the machine falls on all of them alike and their
/// ratios hold.
/// </summary>
internal sealed class Scenario
{
    private readonly Func<Func<object>> _prepare;
    private readonly Func<object, (int Files, int Diagnostics)> _count;
    private readonly List<double> _milliseconds = [];
    private object? _last;

    private Scenario(string name, Func<Func<object>> prepare, Func<object, (int Files, int Diagnostics)> count) =>
        (Name, _prepare, _count) = (name, prepare, count);

    public string Name { get; }

    public double Median
    {
        get
        {
            var sorted = _milliseconds.Order().ToArray();
            var mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }

    public double Min => _milliseconds.Min();

    public double Max => _milliseconds.Max();

    /// <summary>The files and diagnostics of the last recorded run.</summary>
    public (int Files, int Diagnostics) Result => _count(_last ?? throw new InvalidOperationException($"{Name} has not run."));

    /// <summary>A scenario that times <paramref name="measure"/> on what <paramref name="prepare"/> made, untimed.</summary>
    public static Scenario Of<TState, TResult>(string name, Func<TState> prepare, Func<TState, TResult> measure, Func<TResult, (int Files, int Diagnostics)> count)
        where TResult : notnull =>
        new(name, () =>
        {
            var state = prepare();
            return () => measure(state);
        }, result => count((TResult)result));

    /// <summary>
    /// <paramref name="warmup"/> rounds to let the JIT settle, then <paramref name="repeats"/> recorded rounds. A full
    /// collection before each timed run keeps one run's garbage out of the next one's time.
    /// </summary>
    public static void RunRounds(IReadOnlyList<Scenario> scenarios, int warmup, int repeats)
    {
        for (var round = 0; round < warmup + repeats; round++)
            foreach (var scenario in scenarios)
                scenario.RunOnce(record: round >= warmup);
    }

    private void RunOnce(bool record)
    {
        var timed = _prepare();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var clock = Stopwatch.StartNew();
        var result = timed();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (!record) return;
        _milliseconds.Add(elapsed);
        _last = result;
    }
}
