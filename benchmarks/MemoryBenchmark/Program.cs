using System.Diagnostics;
using System.Globalization;
using AlignDsl;
using AlignDsl.Generated;
using AlignDsl.Running;
using AlignDsl.Reporting;
using static TorchSharp.torch;

// Peak resident memory of training under SFT, SimPO, DPO (live, precomputed, bf16, gradient checkpointing), against the
// descriptors' estimates (the measured/estimate column), with the time per step.
// Each run is a fresh process (peak memory never goes down within one), with glibc's mmap threshold pinned so
// freed tensors leave the heap; the parent reports medians of the
// training memory (peak minus the process's resident memory once TorchSharp is loaded) and ratios to SimPO,
// next to the descriptors' estimates.
//   dotnet run --project benchmarks/MemoryBenchmark -c Release [-- --repeats 3] [--only memory-dpo,memory-dpo-lora]
if (ProcessMemory.PeakResidentBytes is null)
{
    Console.Error.WriteLine("This benchmark reads /proc/self/status and runs on Linux only.");
    return 1;
}
if (args is ["--measure", var measured]) return await MeasureAsync(measured);
if (Environment.GetEnvironmentVariable(ChildVariable) is not null)
{
    // A child that did not get its --measure arguments must never start children of its own.
    Console.Error.WriteLine($"Child process started without --measure: {string.Join(' ', args)}");
    return 2;
}

string? Option(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
var repeats = Option("--repeats") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 3;
// --only a,b measures just those experiments (e.g. memory-dpo,memory-dpo-lora for LoRA against full DPO).
var only = Option("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
var names = GeneratedExperiments.All.Select(e => e.Name).Where(n => only is null || only.Contains(n)).ToArray();
var results = names.ToDictionary(n => n, n => Enumerable.Range(0, repeats).Select(_ => RunChild(n)).ToArray());
double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2.0;
}

Console.WriteLine($"Training memory (peak RSS − RSS after TorchSharp loads) and time per step, median of {repeats} fresh processes; CPU, {Environment.ProcessorCount} cores, one thread");
Console.WriteLine($"{"experiment",-26} {"measured",12} {"estimate",12} {"measured/est.",14} {"ms/step",9}  resident models");
foreach (var experiment in names)
{
    var training = Median(results[experiment].Select(m => (double)m.PeakBytes));
    var perStep = Median(results[experiment].Select(m => m.StepMilliseconds));
    var estimate = Estimate(experiment);
    var descriptor = GeneratedExperiments.All.Single(e => e.Name == experiment).Descriptor;
    Console.WriteLine($"{experiment,-26} {Mib(training),12} {Mib(estimate),12} {training / estimate,14:F2} {perStep,9:F0}  {string.Join(", ", descriptor.ResidentModels)}");
}
Console.WriteLine("The estimate (docs/memory.md) counts resident weights and optimiser state, each forward pass's intermediates and logits, and the runtime's working memory.");
return 0;

static long Estimate(string name) =>
    GeneratedExperiments.All.Single(e => e.Name == name).Descriptor.EstimatedTrainingBytes;

static string Mib(double bytes) => $"{bytes / (1 << 20):F1} MiB";

static (long PeakBytes, double StepMilliseconds) RunChild(string name)
{
    // The apphost takes the arguments directly; `dotnet MemoryBenchmark.dll` needs the assembly first.
    var host = Environment.ProcessPath!;
    string[] arguments = Path.GetFileNameWithoutExtension(host) == "dotnet"
        ? [typeof(Program).Assembly.Location, "--measure", name]
        : ["--measure", name];
    var start = new ProcessStartInfo(host, arguments) { RedirectStandardOutput = true };
    start.Environment[ChildVariable] = "1";
    // glibc raises its mmap threshold as large blocks are freed, after which freed tensors stay in the heap and
    // resident memory measures the allocator's history, not the objective. Pinning the threshold returns them.
    start.Environment["MALLOC_MMAP_THRESHOLD_"] = "65536";
    using var child = Process.Start(start)!;
    var output = child.StandardOutput.ReadToEnd();
    child.WaitForExit();
    if (child.ExitCode != 0) throw new InvalidOperationException($"{name} failed: {output}");
    var last = output.Trim().Split('\n')[^1].Split(' ');
    return (long.Parse(last[0], CultureInfo.InvariantCulture), double.Parse(last[1], CultureInfo.InvariantCulture));
}

static async Task<int> MeasureAsync(string name)
{
    set_num_threads(1);
    using (var warm = ones(64, 64)) _ = warm.matmul(warm).sum().item<float>();
    var baseline = ProcessMemory.CurrentResidentBytes!.Value;
    var entry = GeneratedExperiments.All.Single(e => e.Name == name);
    var root = Path.Combine(Path.GetTempPath(), $"aligndsl-memory-{Guid.NewGuid():N}");
    var clock = new StepClock();
    try
    {
        using var run = new RunContext(entry.Descriptor, new RunOptions { OutputRoot = root, Device = "cpu" }, clock);
        await entry.Run(run, CancellationToken.None);
    }
    finally
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ProcessMemory.PeakResidentBytes!.Value - baseline} {clock.MillisecondsPerStep:F1}"));
    return 0;
}

internal static partial class Program
{
    private const string ChildVariable = "ALIGNDSL_MEMORY_BENCHMARK_CHILD";
}

/// <summary>Time per step from the end of the first step to the end of the last: the first, which warms up, is left out.</summary>
internal sealed class StepClock : AlignDsl.Reporting.IRunObserver
{
    private readonly Stopwatch _clock = new();
    private int _timedSteps;

    public double MillisecondsPerStep => _timedSteps == 0 ? double.NaN : _clock.Elapsed.TotalMilliseconds / _timedSteps;

    public void RunStarted(ExperimentDescriptor experiment, int steps, string runDirectory) { }

    public void StepCompleted(int step, int steps, IReadOnlyDictionary<string, double> latest)
    {
        if (step == 1) _clock.Restart();
        else _timedSteps = step - 1;
        if (step == steps) _clock.Stop();
    }

    public void EvaluationCompleted(AlignDsl.Evaluation.EvalReport report) { }
    public void Warning(string message) { }
    public void RunFinished(RunResult result) { }
}
