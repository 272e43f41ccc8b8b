using System.Globalization;
using AlignDsl.Running;
using SpeedBenchmark;

// Speed of the runtime against plain TorchSharp, in one process, interleaved, medians:
//   dotnet run --project benchmarks/SpeedBenchmark -c Release [-- dpo|threads|sampling] [--repeats N]
NativeTorch.EnsureLoaded();
var what = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !int.TryParse(a, out _)) ?? "all";
var repeatsAt = Array.IndexOf(args, "--repeats");
var repeats = repeatsAt >= 0 ? int.Parse(args[repeatsAt + 1], CultureInfo.InvariantCulture) : 5;
Console.WriteLine($"CPU, {Environment.ProcessorCount} cores");
if (what is "all" or "dpo") await DpoSteps.RunAsync(repeats);
if (what is "all" or "threads") Threads.Run(repeats);
if (what is "all" or "sampling") Sampling.Run(repeats);
return 0;
