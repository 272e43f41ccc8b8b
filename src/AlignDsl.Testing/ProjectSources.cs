namespace AlignDsl.Testing;

/// <summary>The C# files of a project folder, as the SDK would compile them: build output folders left out.</summary>
internal static class ProjectSources
{
    private static readonly string[] OutputFolders = ["bin", "obj"];

    /// <summary>
    /// Every <c>*.cs</c> under <paramref name="root"/> outside folders named <c>bin</c> or <c>obj</c> (at any depth), named
    /// by their path relative to <paramref name="root"/> and ordered by it (ordinal).
    /// </summary>
    public static IReadOnlyList<SourceFile> Read(string root)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The project folder '{root}' does not exist.");
        }

        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(path => (Path: path, Relative: CallerPath.Display(path, root)))
            .Where(file => !IsBuildOutput(file.Relative))
            .OrderBy(file => file.Relative, StringComparer.Ordinal)
            .Select(file => new SourceFile(file.Relative, File.ReadAllText(file.Path)))
            .ToArray();
    }

    private static bool IsBuildOutput(string relativePath) =>
        relativePath.Split('/')[..^1].Any(folder => OutputFolders.Contains(folder, StringComparer.OrdinalIgnoreCase));
}
