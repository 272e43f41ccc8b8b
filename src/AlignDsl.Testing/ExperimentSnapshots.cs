extern alias generator;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using ExperimentGenerator = generator::AlignDsl.Generators.ExperimentGenerator;

namespace AlignDsl.Testing;

/// <summary>
/// Runs the AlignDsl experiment generator over your declarations, so that the training loop it emits for each
/// experiment, and the diagnostics it reports, can be verified with <see cref="GeneratorRun.Verify"/>.
/// </summary>
/// <remarks>
/// The sources are compiled, nullable-enabled, against <see cref="References"/>: the assemblies of the test process
/// (the platform and whatever the test project references) plus the AlignDsl runtime. Relative paths are taken from
/// the folder of the calling source file, not from the working directory of the test run.
/// </remarks>
public static class ExperimentSnapshots
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> LazyReferences = new(LoadReferences);

    /// <summary>
    /// The metadata references of every experiment compilation: those of <see cref="GeneratorSnapshots.DefaultReferences"/>
    /// (the assemblies loaded with the test process) and the AlignDsl runtime, without the generator's own assembly,
    /// which a user's project gets as an analyzer, not as a reference.
    /// </summary>
    public static IReadOnlyList<MetadataReference> References => LazyReferences.Value;

    /// <summary>
    /// Runs the generator over declarations given as text, named <c>Source0.cs</c>, <c>Source1.cs</c>, … in diagnostics.
    /// </summary>
    /// <param name="sources">C# sources, each with its own <c>using</c> directives.</param>
    /// <returns>The generated files, the diagnostics and the compilation after generation.</returns>
    public static GeneratorRun FromSources(params string[] sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return GeneratorSnapshots.Run(new ExperimentGenerator(), sources, References);
    }

    /// <summary>
    /// Runs the generator over the given source files, read from disk. Diagnostics show each file by the path it was
    /// given, relative to the calling file's folder, with <c>/</c> separators.
    /// </summary>
    /// <param name="paths">
    /// The files; a relative path is taken from the folder of the calling source file, for example
    /// <c>["../MyExperiments/Dpo.cs"]</c> from a test beside the <c>MyExperiments</c> folder.
    /// </param>
    /// <param name="callerFile">Filled in by the compiler; leave it out.</param>
    /// <returns>The generated files, the diagnostics and the compilation after generation.</returns>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    public static GeneratorRun FromSourceFiles(IEnumerable<string> paths, [CallerFilePath] string callerFile = "")
    {
        ArgumentNullException.ThrowIfNull(paths);
        var baseDirectory = CallerPath.Directory(callerFile);
        var sources = paths
            .Select(path => CallerPath.Resolve(path, baseDirectory))
            .Select(fullPath => new SourceFile(CallerPath.Display(fullPath, baseDirectory), File.ReadAllText(fullPath)))
            .ToArray();
        return Run(sources);
    }

    /// <summary>
    /// Runs the generator over every <c>*.cs</c> file under <paramref name="projectDirectory"/>, in every subfolder but
    /// those named <c>bin</c> or <c>obj</c>, in ordinal order of their paths. Diagnostics show each file by its path
    /// relative to the project folder (<c>Experiments/Dpo.cs</c>). A <c>Program.cs</c> with top-level statements is
    /// allowed: the compilation is then an application.
    /// </summary>
    /// <param name="projectDirectory">
    /// The folder of your experiments project; a relative path is taken from the folder of the calling source file,
    /// for example <c>"../MyExperiments"</c> from a test project beside it.
    /// </param>
    /// <param name="callerFile">Filled in by the compiler; leave it out.</param>
    /// <returns>The generated files, the diagnostics and the compilation after generation.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="ArgumentException">The folder holds no <c>*.cs</c> file outside <c>bin</c> and <c>obj</c>.</exception>
    public static GeneratorRun FromProject(string projectDirectory, [CallerFilePath] string callerFile = "")
    {
        ArgumentNullException.ThrowIfNull(projectDirectory);
        var root = CallerPath.Resolve(projectDirectory, CallerPath.Directory(callerFile));
        var sources = ProjectSources.Read(root);
        return sources.Count > 0
            ? Run(sources)
            : throw new ArgumentException($"The project folder '{root}' holds no *.cs file outside bin/ and obj/.", nameof(projectDirectory));
    }

    private static GeneratorRun Run(IReadOnlyList<SourceFile> sources) =>
        GeneratorSnapshots.Run(new ExperimentGenerator(), sources, References, allowTopLevelStatements: true);

    private static IReadOnlyList<MetadataReference> LoadReferences()
    {
        var generatorFile = Path.GetFileName(typeof(ExperimentGenerator).Assembly.Location);
        return GeneratorSnapshots.DefaultReferences(typeof(ExperimentAttribute))
            .Where(r => !string.Equals(Path.GetFileName(r.Display), generatorFile, StringComparison.OrdinalIgnoreCase))
            .ToArray();
    }
}
