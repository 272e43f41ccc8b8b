using System.Diagnostics;
using System.Globalization;
using AlignDsl;
using AlignDsl.Generated;
using AlignDsl.Running;
using AlignDsl.Reporting;
using static TorchSharp.torch;

// Peak resident memory of training under SimPO, DPO, and DPO with precomputed reference log-probs.
// Each run is a fresh process (peak memory never goes down within one), with glibc's mmap threshold pinned so
// freed tensors leave the heap; the parent reports medians of the
// training memory (peak minus the process's resident memory once TorchSharp is loaded) and ratios to SimPO,
// next to the descriptors' estimates.
//   dotnet run --project benchmarks/MemoryBenchmark -c Release [-- --repeats 3]
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

var repeats = args is ["--repeats", var r] ? int.Parse(r, CultureInfo.InvariantCulture) : 3;
var names = new[] { "memory-simpo", "memory-dpo", "memory-dpo-precomputed" };
var results = names.ToDictionary(n => n, n => Enumerable.Range(0, repeats).Select(_ => RunChild(n)).Order().ToArray());
double Median(long[] values) => values.Length % 2 == 1 ? values[values.Length / 2] : (values[values.Length / 2 - 1] + values[values.Length / 2]) / 2.0;

var simpo = Median(results["memory-simpo"]);
var simpoEstimate = Estimate("memory-simpo");
Console.WriteLine($"Training memory (peak RSS − RSS after TorchSharp loads), median of {repeats} fresh processes; CPU, {Environment.ProcessorCount} cores");
Console.WriteLine($"{"experiment",-24} {"measured",12} {"× SimPO",9} {"estimate",12} {"× SimPO",9}  resident models");
foreach (var experiment in names)
{
    var training = Median(results[experiment]);
    var estimate = Estimate(experiment);
    var descriptor = GeneratedExperiments.All.Single(e => e.Name == experiment).Descriptor;
    Console.WriteLine($"{experiment,-24} {Mib(training),12} {training / simpo,9:F2} {Mib(estimate),12} {(double)estimate / simpoEstimate,9:F2}  {string.Join(", ", descriptor.ResidentModels)}");
}
Console.WriteLine("The estimate counts weights, gradients and AdamW state only; the measurement adds activations and allocator overhead.");
return 0;

static long Estimate(string name) =>
    GeneratedExperiments.All.Single(e => e.Name == name).Descriptor.EstimatedTrainingBytes;

static string Mib(double bytes) => $"{bytes / (1 << 20):F1} MiB";

static long RunChild(string name)
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
    return long.Parse(output.Trim().Split('\n')[^1], CultureInfo.InvariantCulture);
}

static async Task<int> MeasureAsync(string name)
{
    set_num_threads(1);
    using (var warm = ones(64, 64)) _ = warm.matmul(warm).sum().item<float>();
    var baseline = ProcessMemory.CurrentResidentBytes!.Value;
    var entry = GeneratedExperiments.All.Single(e => e.Name == name);
    var root = Path.Combine(Path.GetTempPath(), $"aligndsl-memory-{Guid.NewGuid():N}");
    try
    {
        using var run = new RunContext(entry.Descriptor, new RunOptions { OutputRoot = root, Device = "cpu" });
        await entry.Run(run, CancellationToken.None);
    }
    finally
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }
    Console.WriteLine(ProcessMemory.PeakResidentBytes!.Value - baseline);
    return 0;
}

internal static partial class Program
{
    private const string ChildVariable = "ALIGNDSL_MEMORY_BENCHMARK_CHILD";
}
