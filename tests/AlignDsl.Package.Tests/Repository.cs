using System.Runtime.CompilerServices;

namespace AlignDsl.Package.Tests;

/// <summary>Paths in this repository, found from this file's own path at compile time.</summary>
internal static class Repository
{
    public static string Root { get; } = System.IO.Path.GetFullPath(System.IO.Path.Combine(ThisDirectory(), "..", ".."));

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    /// <summary>The configuration this test assembly was built in: the projects it packs were built in the same one.</summary>
    public const string Configuration =
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    private static string ThisDirectory([CallerFilePath] string file = "") => System.IO.Path.GetDirectoryName(file)!;
}
