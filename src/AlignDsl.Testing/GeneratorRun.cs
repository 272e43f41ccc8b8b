using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace AlignDsl.Testing;

/// <summary>The outcome of one generator run: what it generated, what it reported, and the compilation after it.</summary>
public sealed class GeneratorRun
{
    internal GeneratorRun(GeneratorDriver driver, Compilation inputCompilation, Compilation outputCompilation)
    {
        var result = driver.GetRunResult().Results.Single();
        Driver = driver;
        InputCompilation = inputCompilation;
        OutputCompilation = outputCompilation;
        Files = result.GeneratedSources
            .Select(s => new GeneratedFile(s.HintName, s.SourceText.ToString()))
            .OrderBy(f => f.HintName, StringComparer.Ordinal)
            .ToArray();
        GeneratorDiagnostics = result.Diagnostics;
        CompilationDiagnostics = outputCompilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .ToArray();
        GeneratorException = result.Exception;
    }

    /// <summary>The generated files, ordered by hint name (ordinal).</summary>
    public IReadOnlyList<GeneratedFile> Files { get; }

    /// <summary>The diagnostics the generator reported.</summary>
    public IReadOnlyList<Diagnostic> GeneratorDiagnostics { get; }

    /// <summary>The errors and warnings of <see cref="OutputCompilation"/>, that is of the user's code plus the generated code.</summary>
    public IReadOnlyList<Diagnostic> CompilationDiagnostics { get; }

    /// <summary>The compilation of the sources before the generator ran.</summary>
    public Compilation InputCompilation { get; }

    /// <summary>The compilation of the sources plus the generated files.</summary>
    public Compilation OutputCompilation { get; }

    /// <summary>The driver after the run, with its incremental state; rerun it on an edited compilation to test caching.</summary>
    public GeneratorDriver Driver { get; }

    /// <summary>The exception the generator threw, or <see langword="null"/> when it ran to the end.</summary>
    public Exception? GeneratorException { get; }

    /// <summary>
    /// Compares each generated file with <c>&lt;directory&gt;/&lt;snapshotName&gt;#&lt;HintName without .cs&gt;.verified.cs</c>
    /// and the generator's diagnostics (see <see cref="DiagnosticText.Render(IEnumerable{Diagnostic}, IEnumerable{SyntaxTree})"/>, with the
    /// source lines taken from <see cref="InputCompilation"/>) with
    /// <c>&lt;directory&gt;/&lt;snapshotName&gt;.diagnostics.verified.txt</c>, which must be absent when there are none.
    /// A missing or different snapshot is written beside it as <c>.received.cs</c> / <c>.received.txt</c> and the call
    /// throws <see cref="SnapshotMismatchException"/>; with the environment variable <c>ALIGNDSL_ACCEPT=1</c> the verified
    /// files are overwritten instead and the call passes. The generator version in <c>[GeneratedCode]</c> is scrubbed
    /// to <c>{version}</c> and line endings are compared as <c>\n</c>.
    /// </summary>
    /// <param name="snapshotName">The snapshot's name; by default <c>&lt;caller file name without extension&gt;.&lt;caller member&gt;</c>.</param>
    /// <param name="directory">The folder of the snapshot files; by default <c>Snapshots</c> beside the caller's source file.</param>
    /// <param name="callerFile">Filled in by the compiler; leave it out.</param>
    /// <param name="callerMember">Filled in by the compiler; leave it out.</param>
    /// <exception cref="SnapshotMismatchException">A snapshot is missing, different, or no longer generated.</exception>
    /// <exception cref="InvalidOperationException">The generator threw; see <see cref="GeneratorException"/>.</exception>
    public void Verify(
        string? snapshotName = null,
        string? directory = null,
        [CallerFilePath] string callerFile = "",
        [CallerMemberName] string callerMember = "")
    {
        if (GeneratorException is not null)
        {
            throw new InvalidOperationException(
                $"The generator threw, so there is no output to verify: {GeneratorException.Message}", GeneratorException);
        }

        snapshotName ??= $"{Path.GetFileNameWithoutExtension(callerFile)}.{callerMember}";
        directory ??= Path.Combine(
            Path.GetDirectoryName(callerFile) is { Length: > 0 } folder
                ? folder
                : throw new ArgumentException("Pass a directory: the caller's file path is unknown.", nameof(directory)),
            "Snapshots");

        var snapshots = SnapshotSet.For(snapshotName, directory, Files, GeneratorDiagnostics, InputCompilation.SyntaxTrees);
        snapshots.Check(SnapshotFile.AcceptRequested());
    }
}
