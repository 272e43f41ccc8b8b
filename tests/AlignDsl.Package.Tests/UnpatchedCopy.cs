using System.Text;

namespace AlignDsl.Package.Tests;

/// <summary>
/// An application folder whose TorchSharp native library is the one from the NuGet cache, before the build's libstdc++
/// fix-up. Managed files are copied (the host resolves a linked application to the linked-to folder); LibTorch's large
/// native libraries are links. Only meaningful where the system's libstdc++ lacks the version.
/// </summary>
internal static class UnpatchedCopy
{
    public const string Version = "GLIBCXX_3.4.32";
    private const string SystemLibStdCxx = "/usr/lib/x86_64-linux-gnu/libstdc++.so.6";
    private const string Bridge = "libLibTorchSharp.so";

    /// <summary>Whether this machine needs the fix-up at all (Linux x64 with a libstdc++ older than GCC 13's).</summary>
    public static bool SystemNeedsFixup =>
        OperatingSystem.IsLinux() && File.Exists(SystemLibStdCxx)
        && !Encoding.ASCII.GetString(File.ReadAllBytes(SystemLibStdCxx)).Contains(Version + "\0", StringComparison.Ordinal);

    /// <summary>Mirrors <paramref name="built"/> into <paramref name="copy"/> with the cache's unpatched bridge library.</summary>
    public static void Make(string built, string copy, string unpatchedBridge)
    {
        foreach (var file in Directory.EnumerateFiles(built, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(built, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var name = Path.GetFileName(file);
            if (name == Bridge) File.Copy(unpatchedBridge, target);
            else if (name.Contains(".so", StringComparison.Ordinal)) File.CreateSymbolicLink(target, file);
            else File.Copy(file, target);
        }
    }

    /// <summary>The bridge library as TorchSharp's package ships it.</summary>
    public static string FromCache(string torchSharpVersion) =>
        Path.Combine(LocalFeed.GlobalPackages, "torchsharp", torchSharpVersion, "runtimes", "linux-x64", "native", Bridge);
}
