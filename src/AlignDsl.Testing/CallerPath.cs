namespace AlignDsl.Testing;

/// <summary>Paths given by a test, taken from the folder of the test's source file (known through <c>[CallerFilePath]</c>).</summary>
internal static class CallerPath
{
    /// <summary>The folder of <paramref name="callerFile"/>; the working directory when the compiler did not fill it in.</summary>
    public static string Directory(string callerFile) =>
        Path.GetDirectoryName(callerFile) is { Length: > 0 } folder ? Path.GetFullPath(folder) : System.IO.Directory.GetCurrentDirectory();

    /// <summary>The full path of <paramref name="path"/>: as it is when rooted, else taken from <paramref name="baseDirectory"/>.</summary>
    public static string Resolve(string path, string baseDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(baseDirectory, path));
    }

    /// <summary>
    /// <paramref name="fullPath"/> relative to <paramref name="baseDirectory"/>, with <c>/</c> separators: the same text on
    /// every machine and system, so that diagnostics snapshots do not depend on where the repository is checked out.
    /// </summary>
    public static string Display(string fullPath, string baseDirectory) =>
        Path.GetRelativePath(baseDirectory, fullPath).Replace('\\', '/');
}
