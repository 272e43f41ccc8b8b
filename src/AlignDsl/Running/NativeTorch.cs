using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace AlignDsl.Running;

/// <summary>
/// Loads TorchSharp's native libraries before the first tensor, so that a failure is one sentence saying which library,
/// what it lacks and what to add, instead of TorchSharp's type-initialiser error (which blames a missing package even
/// when the cause is the system's libstdc++) and, outside a handler, an abort with exit code 134.
/// </summary>
public static partial class NativeTorch
{
    private static volatile bool loaded;

    /// <summary>Initialises TorchSharp's <c>torch</c> class.</summary>
    /// <exception cref="InvalidOperationException">The native libraries cannot be loaded; the message says why.</exception>
    public static void EnsureLoaded()
    {
        if (loaded) return;
        CpuThreads.SetWaitPolicyBeforeLoad();
        // TorchSharp prints its loader trace to the console when the load fails; the sentence below replaces it.
        var (output, error) = (Console.Out, Console.Error);
        Console.SetOut(TextWriter.Null);
        Console.SetError(TextWriter.Null);
        try
        {
            RuntimeHelpers.RunClassConstructor(typeof(TorchSharp.torch).TypeHandle);
            loaded = true;
        }
        catch (TypeInitializationException e)
        {
            var bridge = FindBridge(AppContext.BaseDirectory);
            throw new InvalidOperationException(
                Explain(BridgeName, bridge is null ? null : LoaderError(bridge), HasLibTorch(AppContext.BaseDirectory), RuntimeInformation.RuntimeIdentifier), e);
        }
        finally
        {
            Console.SetOut(output);
            Console.SetError(error);
        }
    }

    /// <summary>The sentence for a failed load.</summary>
    /// <param name="bridge">The file name of TorchSharp's own native library.</param>
    /// <param name="loaderError">What the system loader said when asked to load it; null when it loaded or is absent.</param>
    /// <param name="libTorchPresent">Whether LibTorch's natives (torch_cpu or torch_cuda) are beside the application.</param>
    /// <param name="runtime">The runtime identifier, for the package name.</param>
    public static string Explain(string bridge, string? loaderError, bool libTorchPresent, string runtime)
    {
        if (loaderError is not null && MissingVersion().Match(loaderError) is { Success: true } version)
        {
            return $"TorchSharp's native library {bridge} needs {version.Groups[1].Value}, which this system's libstdc++ lacks: build with the AlignDsl package " +
                   "(its build step marks that needless requirement weak; do not set AlignDslRunFixup=false) or install a libstdc++ from GCC 13 or later.";
        }
        if (!libTorchPresent)
        {
            return $"LibTorch's native libraries are not beside the application: add <PackageReference Include=\"libtorch-cpu-{PortableRuntime(runtime)}\" /> " +
                   "(or TorchSharp-cuda-linux / TorchSharp-cuda-windows for CUDA) to the project that runs the experiments.";
        }
        return $"TorchSharp's native library {bridge} could not be loaded{(loaderError is null ? "" : $": {FirstLine(loaderError)}")}.";
    }

    private static string BridgeName =>
        OperatingSystem.IsWindows() ? "LibTorchSharp.dll" : OperatingSystem.IsMacOS() ? "libLibTorchSharp.dylib" : "libLibTorchSharp.so";

    /// <summary>The bridge library the application ships, not the unpatched copy TorchSharp's fallback puts in cpu/.</summary>
    private static string? FindBridge(string directory) =>
        Directory.EnumerateFiles(directory, BridgeName, SearchOption.AllDirectories)
            .Where(path => !Path.GetRelativePath(directory, path).StartsWith("cpu" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .OrderBy(path => path.Contains(RuntimeInformation.RuntimeIdentifier, StringComparison.Ordinal) ? 0 : 1)
            .FirstOrDefault();

    private static bool HasLibTorch(string directory) =>
        Directory.EnumerateFiles(directory, "*torch_c*", SearchOption.AllDirectories)
            .Any(path => Path.GetFileName(path) is var name && (name.Contains("torch_cpu", StringComparison.Ordinal) || name.Contains("torch_cuda", StringComparison.Ordinal)));

    private static string? LoaderError(string path)
    {
        try
        {
            NativeLibrary.Free(NativeLibrary.Load(path));
            return null;
        }
        catch (DllNotFoundException e)
        {
            return e.Message;
        }
    }

    private static string PortableRuntime(string runtime) =>
        runtime.StartsWith("win", StringComparison.Ordinal) ? "win-x64" : runtime.StartsWith("osx", StringComparison.Ordinal) ? "osx-arm64" : "linux-x64";

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim().TrimEnd('.');

    [GeneratedRegex(@"version [`'](GLIBCXX_[0-9.]+)' not found")]
    private static partial Regex MissingVersion();
}
