using System.Runtime.InteropServices;

namespace AlignDsl.Running;

/// <summary>
/// libtorch's CPU threads. By default a small model trains on one thread: its operations are too short for a second
/// thread to pay, and a thread that waits for work competes with every other process on a busy machine. A larger model
/// keeps libtorch's own count (one per physical core). <c>--threads</c> and <c>[Training(Threads)]</c> override it.
/// </summary>
public static class CpuThreads
{
    /// <summary>
    /// Below this many parameters a run uses one thread. On the project's shared 2-core machine a DPO step at 0.3M and
    /// 3.3M parameters took 0.75–0.77× the time of two threads, and at 13M 0.94× (measured with
    /// <c>dotnet run --project benchmarks/SpeedBenchmark -c Release -- threads</c>; see the README's Measurements).
    /// </summary>
    public const long SmallModelParameters = 4_000_000;

    private static int? libTorchDefault;

    /// <summary>The thread count for a model of <paramref name="parameters"/> parameters, unless <paramref name="requested"/> (above 0) says.</summary>
    public static int Choose(int requested, long parameters) =>
        requested > 0 ? requested : parameters < SmallModelParameters ? 1 : LibTorchDefault;

    /// <summary>Sets libtorch's intra-op threads; returns the count set.</summary>
    public static int Apply(int threads)
    {
        NativeTorch.EnsureLoaded();
        _ = LibTorchDefault;
        if (TorchSharp.torch.get_num_threads() != threads) TorchSharp.torch.set_num_threads(threads);
        return threads;
    }

    /// <summary>libtorch's own thread count (one per physical core), as it was before anything changed it.</summary>
    public static int LibTorchDefault
    {
        get
        {
            NativeTorch.EnsureLoaded();
            return libTorchDefault ??= TorchSharp.torch.get_num_threads();
        }
    }

    /// <summary>
    /// The OpenMP wait policy for libgomp, which reads it once, when it loads: so it is put into the process's native
    /// environment before TorchSharp loads libtorch (.NET's own environment block is not what native code reads).
    /// Passive: an idle worker sleeps at once instead of spinning, so it takes no core from a busy machine's other
    /// processes. A value the user set (<c>OMP_WAIT_POLICY</c> or <c>GOMP_SPINCOUNT</c>) is kept.
    /// </summary>
    internal static void SetWaitPolicyBeforeLoad()
    {
        if (!OperatingSystem.IsLinux()) return;
        if (Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is not null || Environment.GetEnvironmentVariable("GOMP_SPINCOUNT") is not null) return;
        try
        {
            _ = SetEnv("OMP_WAIT_POLICY", "PASSIVE", overwrite: 0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Without glibc (musl, for one) libtorch's OpenMP keeps its default.
        }
    }

    [DllImport("libc.so.6", EntryPoint = "setenv", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int SetEnv(string name, string value, int overwrite);
}
