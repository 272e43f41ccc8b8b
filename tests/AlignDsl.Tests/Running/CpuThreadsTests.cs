using System.Runtime.InteropServices;
using AlignDsl.Running;
using AlignDsl.Tests.Native;
using AlignDsl.Tests.EndToEnd;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Running;

/// <summary>libtorch's threads: asked for, declared, or chosen by model size; and the OpenMP wait policy set before libtorch loads.</summary>
public sealed class CpuThreadsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"aligndsl-threads-{Guid.NewGuid():N}");
    private readonly int _before = get_num_threads();

    public void Dispose()
    {
        set_num_threads(_before);
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void A_small_model_gets_one_thread_a_large_one_libtorch_s_count_and_a_request_wins()
    {
        Assert.Equal(1, CpuThreads.Choose(0, 100_000));
        Assert.Equal(1, CpuThreads.Choose(0, CpuThreads.SmallModelParameters - 1));
        Assert.Equal(CpuThreads.LibTorchDefault, CpuThreads.Choose(0, CpuThreads.SmallModelParameters));
        Assert.InRange(CpuThreads.LibTorchDefault, 1, Environment.ProcessorCount);
        Assert.Equal(3, CpuThreads.Choose(3, 100_000));
    }

    [Fact]
    public void The_command_line_overrides_the_declaration_and_the_declaration_the_choice()
    {
        set_num_threads(2);
        using (var run = new RunContext(TestSft.Descriptor, new RunOptions { OutputRoot = _root, Device = "cpu", Threads = 3 }))
        {
            Assert.Equal(3, run.Threads);
            Assert.Equal(3, get_num_threads());
        }
        var declared = TestSft.Descriptor with { Training = TestSft.Descriptor.Training with { Threads = 2 } };
        set_num_threads(1);
        using (var run = new RunContext(declared, new RunOptions { OutputRoot = _root, Device = "cpu" }))
            Assert.Equal(2, get_num_threads());
    }

    [Fact]
    public void Without_a_request_the_first_model_decides()
    {
        set_num_threads(2);
        using var run = new RunContext(TestSft.Descriptor, new RunOptions { OutputRoot = _root, Device = "cpu" });
        Assert.Equal(0, run.Threads);
        using var policy = run.NewPolicy(TestSft.Descriptor.Model, ["a tiny corpus"]);
        Assert.Equal(1, run.Threads);
        Assert.Equal(1, get_num_threads());
    }

    [LinuxOnlyFact]
    public void The_wait_policy_is_in_the_native_environment_once_libtorch_is_loaded()
    {
        NativeTorch.EnsureLoaded();
        var expected = Environment.GetEnvironmentVariable("OMP_WAIT_POLICY")
            ?? (Environment.GetEnvironmentVariable("GOMP_SPINCOUNT") is null ? "PASSIVE" : null);
        Assert.Equal(expected, Marshal.PtrToStringUTF8(GetEnv("OMP_WAIT_POLICY")));
    }

    [DllImport("libc.so.6", EntryPoint = "getenv", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern IntPtr GetEnv(string name);
}
