using AlignDsl.Running;

namespace AlignDsl.Tests.Native;

/// <summary>The one sentence a run prints when TorchSharp's natives cannot load, by cause.</summary>
public sealed class NativeLoadMessageTests
{
    [Fact]
    public void A_missing_libstdcxx_version_is_named_with_the_fix()
    {
        var message = NativeTorch.Explain("libLibTorchSharp.so",
            "/app/runtimes/linux-x64/native/libLibTorchSharp.so: /lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' not found (required by /app/libLibTorchSharp.so)",
            libTorchPresent: true, "linux-x64");

        Assert.StartsWith("TorchSharp's native library libLibTorchSharp.so needs GLIBCXX_3.4.32, which this system's libstdc++ lacks:", message);
        Assert.Contains("AlignDsl package", message);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void Missing_libtorch_natives_name_the_package_for_the_runtime()
    {
        var message = NativeTorch.Explain("LibTorchSharp.dll", "The specified module could not be found.", libTorchPresent: false, "win-x64");

        Assert.Contains("libtorch-cpu-win-x64", message);
        Assert.Contains("TorchSharp-cuda-windows", message);
    }

    [Fact]
    public void Any_other_loader_error_is_quoted_on_one_line()
    {
        var message = NativeTorch.Explain("libLibTorchSharp.so", "libc10.so: cannot open shared object file: No such file or directory\nmore", libTorchPresent: true, "linux-x64");

        Assert.Equal("TorchSharp's native library libLibTorchSharp.so could not be loaded: libc10.so: cannot open shared object file: No such file or directory.", message);
    }

    [Fact]
    public void Loading_succeeds_in_the_test_host() => NativeTorch.EnsureLoaded();
}
