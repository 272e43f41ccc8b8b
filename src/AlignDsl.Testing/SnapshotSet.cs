using Microsoft.CodeAnalysis;

namespace AlignDsl.Testing;

/// <summary>
/// The files of one snapshot: <c>&lt;name&gt;#&lt;hint&gt;.verified.cs</c> per generated file, verified files no
/// longer generated, and <c>&lt;name&gt;.diagnostics.verified.txt</c>, which exists only when there are diagnostics.
/// </summary>
internal sealed class SnapshotSet
{
    private readonly string _name;
    private readonly string _directory;
    private readonly IReadOnlyList<SnapshotFile> _files;

    private SnapshotSet(string name, string directory, IReadOnlyList<SnapshotFile> files)
    {
        _name = name;
        _directory = directory;
        _files = files;
    }

    /// <param name="name">The snapshot's name.</param>
    /// <param name="directory">The folder of its files.</param>
    /// <param name="generated">The generated files.</param>
    /// <param name="diagnostics">The generator's diagnostics.</param>
    /// <param name="sources">The compilation's trees, whose lines the diagnostics show.</param>
    public static SnapshotSet For(
        string name, string directory, IEnumerable<GeneratedFile> generated, IReadOnlyList<Diagnostic> diagnostics, IEnumerable<SyntaxTree> sources)
    {
        var directoryPath = Path.GetFullPath(directory);
        var files = generated
            .Select(f => Source(directoryPath, name, f.HintName, SnapshotText.Normalize(SnapshotText.ScrubGeneratorVersion(f.Text))))
            .ToList();

        // Verified files of hint names that the generator no longer produces must go away too.
        var produced = files.Select(f => f.VerifiedPath).ToHashSet(StringComparer.Ordinal);
        files.AddRange(Existing(directoryPath, $"{name}#", ".verified.cs")
            .Where(path => !produced.Contains(path))
            .Order(StringComparer.Ordinal)
            .Select(path => new SnapshotFile(path, path[..^".verified.cs".Length] + ".received.cs", received: null)));

        var rendered = diagnostics.Count == 0 ? null : SnapshotText.Normalize(DiagnosticText.Render(diagnostics, sources));
        var stem = Path.Combine(directoryPath, $"{name}.diagnostics");
        files.Add(new SnapshotFile(stem + ".verified.txt", stem + ".received.txt", rendered));
        return new SnapshotSet(name, directoryPath, files);
    }

    /// <summary>Checks every file; throws <see cref="SnapshotMismatchException"/> listing all that did not match.</summary>
    public void Check(bool accept)
    {
        // Received files of an earlier run are stale whatever this run finds.
        var stale = Existing(_directory, $"{_name}#", ".received.cs").Append(Path.Combine(_directory, $"{_name}.diagnostics.received.txt"));
        foreach (var path in stale.Where(File.Exists))
        {
            File.Delete(path);
        }

        var mismatches = _files.Select(f => f.Check(accept)).OfType<SnapshotMismatch>().ToArray();
        if (mismatches.Length > 0)
        {
            throw new SnapshotMismatchException(_name, mismatches);
        }
    }

    private static SnapshotFile Source(string directory, string name, string hintName, string text)
    {
        var stem = Path.Combine(directory, $"{name}#{FileStem(hintName)}");
        return new SnapshotFile(stem + ".verified.cs", stem + ".received.cs", text);
    }

    // "Foo.g.cs" becomes "Foo.g"; characters a file name cannot hold become '_'.
    private static string FileStem(string hintName)
    {
        var stem = hintName.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) ? hintName[..^3] : hintName;
        var invalid = Path.GetInvalidFileNameChars().Append('\\').Append('/').ToHashSet();
        return new string(stem.Select(c => invalid.Contains(c) ? '_' : c).ToArray());
    }

    private static IEnumerable<string> Existing(string directory, string prefix, string suffix) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory)
                .Where(path => Path.GetFileName(path) is var file
                    && file.StartsWith(prefix, StringComparison.Ordinal)
                    && file.EndsWith(suffix, StringComparison.Ordinal))
                .ToArray()
            : [];
}
