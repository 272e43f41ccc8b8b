using AlignDsl.Models;
using AlignDsl.Running;
using static TorchSharp.torch;

namespace SpeedBenchmark;

/// <summary>
/// One thread against libtorch's own count, per model size, on a plain DPO step (16 pairs, 48 tokens): the measurement
/// behind <see cref="CpuThreads.SmallModelParameters"/>. Below the size where the ratio reaches 1, more threads do not pay.
/// </summary>
internal static class Threads
{
    public static void Run(int repeats)
    {
        var many = get_num_threads();
        Console.WriteLine($"Threads: DPO step, 16 pairs × 48 tokens, vocabulary 512; 1 thread against {many}; median of {repeats}, interleaved; load {Stats.Load()}");
        Console.WriteLine($"{"model",18} {"parameters",11} {"1 thread ms",12} {$"{many} threads ms",13} {"1 / many",9}");
        foreach (var (layers, width) in new[] { (2, 96), (4, 256), (4, 512) })
        {
            using var step = new PlainDpo(new ModelConfig(layers, width, 4, 64, 512), pairs: 16, length: 48, seed: 1);
            var (one, all) = (new List<double>(), new List<double>());
            step.Step();
            for (var i = 0; i < repeats; i++)
            {
                set_num_threads(1);
                one.Add(Stats.Milliseconds(step.Step));
                set_num_threads(many);
                all.Add(Stats.Milliseconds(step.Step));
            }
            var (o, a) = (Stats.Median(one), Stats.Median(all));
            Console.WriteLine($"{$"{layers} × {width}",18} {step.Parameters,11:N0} {o,12:F1} {a,13:F1} {o / a,9:F2}");
        }
        set_num_threads(many);
    }
}
