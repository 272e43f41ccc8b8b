using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AlignDsl.Chat;
using AlignDsl.Data;
using AlignDsl.Reporting;
using AlignDsl.Tokenization;

// Loading and tokenizing a large preference file as a generated loop does (the split read, its training rows tokenized),
// in pairs per second, and the memory it keeps, for a 200,000-row and a 20,000-row file of gym-like pairs:
//   before    every row's text read into memory, tokenized one pair at a time on one thread (the loop of before);
//   now       rows left on disk once checked, tokenized on every core (now-1-thread: on one);
//   now-chatml  the same, each pair rendered with ChatML first (as for a pretrained model with a chat template).
// Each measurement is a fresh process, so its peak resident memory is its own; the parent prints medians.
//   dotnet run --project benchmarks/DataBenchmark -c Release [-- --rows 200000 --repeats 3]
if (args is ["--measure", var measuredMode, var measuredFile]) return Measure.Run(measuredMode, measuredFile);

string? Option(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
var rows = Option("--rows") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 200_000;
var repeats = Option("--repeats") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 3;
var folder = Directory.CreateTempSubdirectory("aligndsl-data-benchmark-").FullName;
try
{
    var large = GymLikeFile.Write(Path.Combine(folder, "large.jsonl"), rows);
    var small = GymLikeFile.Write(Path.Combine(folder, "small.jsonl"), rows / 10);
    Console.WriteLine($"{rows:N0} and {rows / 10:N0} gym-like pairs ({new FileInfo(large).Length / 1e6:F0} MB and {new FileInfo(small).Length / 1e6:F0} MB); " +
                      $"median of {repeats} fresh processes; {Environment.ProcessorCount} cores; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    Console.WriteLine($"{"path",-12} {"rows",8} {"read s",7} {"tokenize s",10} {"pairs/s",9} {"pairs/CPU-s",11} {"kept MiB",9} {"token ids MiB",13} {"peak RSS growth MiB",19}");
    // Repeats go round every case in turn, so that a neighbour's burst of work falls on all of them alike.
    string[] modes = ["before", "now", "now-1-thread", "now-chatml"];
    var cases = modes.SelectMany(mode => new[] { (Mode: mode, File: small), (Mode: mode, File: large) }).ToArray();
    var samples = cases.ToDictionary(c => c, _ => new List<Sample>());
    for (var repeat = 0; repeat < repeats; repeat++)
        foreach (var c in cases) samples[c].Add(Child.Run(c.Mode, c.File));
    var measured = cases.ToDictionary(c => c, c => Sample.Median(samples[c]));
    foreach (var c in cases)
    {
        var m = measured[c];
        Console.WriteLine($"{c.Mode,-12} {m.Rows,8:N0} {m.ReadSeconds,7:F2} {m.TokenizeSeconds,10:F2} {m.PairsPerSecond,9:N0} {m.PairsPerCpuSecond,11:N0} {Mib(m.KeptBytes),9:F1} {Mib(m.TokenIdBytes),13:F1} {Mib(m.PeakGrowthBytes),19:F1}");
    }
    foreach (var mode in new[] { "before", "now" })
    {
        var (s, l) = (measured[(mode, small)], measured[(mode, large)]);
        Console.WriteLine($"{mode}: {rows / 10:N0} → {rows:N0} rows, memory kept grows by {Mib(l.KeptBytes - s.KeptBytes):F1} MiB " +
                          $"({(double)(l.KeptBytes - s.KeptBytes) / (l.TokenIdBytes - s.TokenIdBytes):F2}× the token ids' growth), peak RSS by {Mib(l.PeakGrowthBytes - s.PeakGrowthBytes):F1} MiB");
    }
    var (before, now, oneThread) = (measured[("before", large)], measured[("now", large)], measured[("now-1-thread", large)]);
    Console.WriteLine($"now / before on {rows:N0} rows: pairs per second {now.PairsPerSecond / before.PairsPerSecond:F2}×, per CPU-second {now.PairsPerCpuSecond / before.PairsPerCpuSecond:F2}×");
    Console.WriteLine($"now, all cores / one thread: pairs per second {now.PairsPerSecond / oneThread.PairsPerSecond:F2}×; tokenizing alone {oneThread.TokenizeSeconds / now.TokenizeSeconds:F2}×");
    return 0;
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static double Mib(double bytes) => bytes / (1 << 20);

/// <summary>One measurement: seconds to read the split and to tokenize its training rows, and the memory they kept.</summary>
/// <remarks>CPU seconds (all threads) as well as wall time: on a shared machine the wall time says as much about the neighbours.</remarks>
internal sealed record Sample(int Rows, double ReadSeconds, double TokenizeSeconds, double CpuSeconds, long KeptBytes, long TokenIdBytes, long PeakGrowthBytes)
{
    public double PairsPerSecond => Rows / (ReadSeconds + TokenizeSeconds);

    public double PairsPerCpuSecond => Rows / CpuSeconds;

    public static Sample Median(List<Sample> samples)
    {
        double M(Func<Sample, double> of)
        {
            var sorted = samples.Select(of).Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }
        return new(samples[0].Rows, M(s => s.ReadSeconds), M(s => s.TokenizeSeconds), M(s => s.CpuSeconds), (long)M(s => s.KeptBytes), (long)M(s => s.TokenIdBytes), (long)M(s => s.PeakGrowthBytes));
    }
}

/// <summary>Gym pairs, each prompt made unique by its row number, the way a large file repeats a task's phrasing.</summary>
internal static class GymLikeFile
{
    public static string Write(string path, int rows)
    {
        var gym = new Gym(GymTask.HelpfulHarmless, seed: 1).Pairs().Train;
        using var writer = new StreamWriter(path);
        for (var i = 0; i < rows; i++)
        {
            var pair = gym[i % gym.Count];
            writer.WriteLine(JsonSerializer.Serialize(new { prompt = $"{pair.Prompt} (case {i})", chosen = pair.Chosen, rejected = pair.Rejected }));
        }
        return path;
    }
}

internal static class Child
{
    public static Sample Run(string mode, string file)
    {
        // The apphost takes the arguments directly; `dotnet DataBenchmark.dll` needs the assembly first.
        var host = Environment.ProcessPath!;
        string[] arguments = Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? [typeof(Child).Assembly.Location, "--measure", mode, file]
            : ["--measure", mode, file];
        using var child = Process.Start(new ProcessStartInfo(host, arguments) { RedirectStandardOutput = true })!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0) throw new InvalidOperationException($"{mode} on {file} failed: {output}");
        return JsonSerializer.Deserialize<Sample>(output.Trim().Split('\n')[^1])!;
    }
}

internal static class Measure
{
    private const int MaxLength = 64;

    public static int Run(string mode, string file)
    {
        var tokenizer = CompactTokenizer.FromCorpus(Gym.Corpus());
        var chat = new ChatFormat(ChatTemplate.Parse(ChatTemplates.ChatMl));
        // Warm up (JIT, the GPT-2 ranks, the thread pool) on the gym, so the figures are the file's.
        PreferenceData.Tokenize(new Gym(GymTask.HelpfulHarmless, seed: 2).Pairs().Train.Select(chat.Pair), tokenizer, MaxLength);
        var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var residentBefore = ProcessMemory.CurrentResidentBytes ?? 0;

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var split = mode == "before"
            ? JsonlReader.ReadSplit(file, null, p => JsonlReader.ReadPairs(p).ToList())
            : JsonlReader.ReadSplit(file, null, JsonlReader.ReadPairs);
        var read = clock.Elapsed.TotalSeconds;
        clock.Restart();
        IReadOnlyList<(TokenizedSequence Chosen, TokenizedSequence Rejected)> pairs = mode switch
        {
            "before" => Serial(split.Train, tokenizer),
            // As Policy.Render renders rows left on disk: as they are read.
            "now-chatml" => PreferenceData.Tokenize(split.Train is JsonlRows<PreferencePair> rows ? rows.Map(chat.Pair) : split.Train.Select(chat.Pair).ToList(), tokenizer, MaxLength).Pairs,
            "now-1-thread" => PreferenceData.Tokenize(split.Train, tokenizer, MaxLength, threads: 1).Pairs,
            _ => PreferenceData.Tokenize(split.Train, tokenizer, MaxLength).Pairs,
        };
        var tokenize = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;

        // What a generated loop keeps while it trains: the split and the tokenized data.
        var kept = GC.GetTotalMemory(forceFullCollection: true) - managedBefore;
        var tokenIds = pairs.Sum(p => 4L * (p.Chosen.Tokens.Length + p.Rejected.Tokens.Length));
        var peak = (ProcessMemory.PeakResidentBytes ?? 0) - residentBefore;
        GC.KeepAlive(split);
        Console.WriteLine(JsonSerializer.Serialize(new Sample(pairs.Count, read, tokenize, cpuSeconds, kept, tokenIds, peak)));
        return 0;
    }

    /// <summary>The loop of before: one pair at a time on one thread, its prompt encoded for each answer, each sequence its own object and array.</summary>
    private static List<(TokenizedSequence, TokenizedSequence)> Serial(IReadOnlyList<PreferencePair> pairs, ITokenizer tokenizer) =>
        pairs.Select(p => (TokenizedSequence.Create(tokenizer, p.Prompt, p.Chosen, MaxLength), TokenizedSequence.Create(tokenizer, p.Prompt, p.Rejected, MaxLength))).ToList();
}
