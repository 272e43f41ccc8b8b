using AlignDsl.Data;
using AlignDsl.Running;
using AlignDsl.Evaluation;
using AlignDsl.Hosting;
using AlignDsl.Reporting;
using AlignDsl.Tests.Data;
using AlignDsl.Tokenization;

namespace AlignDsl.Tests.Reporting;

/// <summary>Reading and tokenizing a large file show progress with rows per second; the gym and small files stay quiet.</summary>
public sealed class DataProgressTests : IDisposable
{
    private static readonly CompactTokenizer Tokenizer = CompactTokenizer.FromCorpus(Gym.Corpus());
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"aligndsl-{Guid.NewGuid():N}.jsonl");

    public void Dispose()
    {
        File.Delete(_path);
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"aligndsl-progress-{Guid.NewGuid():N}");

    [Fact]
    public void Tokenizing_a_large_input_reports_progress_and_a_small_one_does_not()
    {
        var observer = new Recorder();
        var pairs = Enumerable.Range(0, ProgressMeter.LargeRows).Select(i => new PreferencePair($"user: question {i % 7}\nassistant:", " yes", " no")).ToList();

        using (ProgressMeter.Route(observer))
        {
            PreferenceData.Tokenize(new Gym(GymTask.HelpfulHarmless, seed: 1).Pairs().Train, Tokenizer, 48);
            PreferenceData.Tokenize(pairs.Take(ProgressMeter.LargeRows - 1), Tokenizer, 48);
            Assert.Empty(observer.Reports);

            PreferenceData.Tokenize(pairs, Tokenizer, 48);
        }

        var last = observer.Reports[^1];
        Assert.True(last.Done);
        Assert.Equal((ProgressMeter.LargeRows, "pairs", "tokenizing"), (last.Rows, last.Unit, last.Task));
        Assert.True(last.RowsPerSecond > 0);
        Assert.All(observer.Reports.SkipLast(1), r => Assert.False(r.Done));

        // Outside a run nothing listens.
        var before = observer.Reports.Count;
        PreferenceData.Tokenize(pairs, Tokenizer, 48);
        Assert.Equal(before, observer.Reports.Count);
    }

    [Fact]
    public void Reading_a_large_file_reports_its_rows_and_a_small_file_does_not()
    {
        var observer = new Recorder();
        using var route = ProgressMeter.Route(observer);

        VariedJsonl.WritePairs(_path, 500);
        JsonlReader.ReadPairs(_path);
        Assert.Empty(observer.Reports);

        VariedJsonl.WritePairs(_path, 40_000);
        Assert.True(new FileInfo(_path).Length >= ProgressMeter.LargeBytes);
        var rows = JsonlReader.ReadPairs(_path);
        var reading = Assert.Single(observer.Reports, r => r.Done);
        Assert.Equal(($"reading {_path}", rows.Count), (reading.Task, reading.Rows));
    }

    [Fact]
    public async Task A_run_sends_data_progress_in_its_flow_to_its_observer_until_it_ends()
    {
        var observer = new Recorder();
        var pairs = Enumerable.Range(0, ProgressMeter.LargeRows).Select(i => new PreferencePair($"question {i}", " yes", " no")).ToList();

        using (new RunContext(AlignDsl.Tests.EndToEnd.TestResumeSft.Descriptor, new RunOptions { OutputRoot = _root, Device = "cpu" }, observer))
        {
            // As in a generated loop: the data is read after an await, on whatever thread continues the run.
            await Task.Yield();
            PreferenceData.Tokenize(pairs, Tokenizer, 48);
        }
        Assert.True(Assert.Single(observer.Reports, r => r.Done).Rows == ProgressMeter.LargeRows);

        PreferenceData.Tokenize(pairs, Tokenizer, 48);
        Assert.Single(observer.Reports, r => r.Done);
    }

    [Fact]
    public void The_console_redraws_progress_in_place_on_a_terminal_and_writes_a_line_a_tenth_when_redirected()
    {
        var reports = Enumerable.Range(1, 40).Select(i => new DataProgress("tokenizing big.jsonl", i / 40.0, i * 500, "pairs", TimeSpan.FromSeconds(i * 0.25))).ToList();

        var terminal = new StringWriter();
        var onTerminal = new ConsoleObserver(terminal, interactive: true);
        reports.ForEach(onTerminal.Progress);
        Assert.Equal(40, terminal.ToString().Count(c => c == '\r'));
        var final = terminal.ToString().Split('\r')[^1];
        Assert.Equal($"  tokenizing big.jsonl {new string('━', 28)} 100% {20_000:N0} pairs, {2_000:N0} pairs/s{Environment.NewLine}", final);

        var log = new StringWriter();
        var redirected = new ConsoleObserver(log, interactive: false);
        reports.ForEach(redirected.Progress);
        var lines = log.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(11, lines.Length); // at 0 %, at each tenth, and at 100 %
        Assert.DoesNotContain('\r', log.ToString());
        Assert.All(lines, l => Assert.StartsWith("  tokenizing big.jsonl ", l, StringComparison.Ordinal));
    }

    private sealed class Recorder : IRunObserver
    {
        public List<DataProgress> Reports { get; } = [];

        public void Progress(DataProgress progress)
        {
            lock (Reports) Reports.Add(progress);
        }

        public void RunStarted(ExperimentDescriptor experiment, int steps, string runDirectory) { }
        public void StepCompleted(int step, int steps, IReadOnlyDictionary<string, double> latest) { }
        public void EvaluationCompleted(EvalReport report) { }
        public void Warning(string message) { }
        public void RunFinished(RunResult result) { }
    }
}
