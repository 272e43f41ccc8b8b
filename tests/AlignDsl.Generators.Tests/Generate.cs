extern alias generator;
using System.Runtime.CompilerServices;
using AlignDsl.Testing;
using Microsoft.CodeAnalysis;
using ExperimentGenerator = generator::AlignDsl.Generators.ExperimentGenerator;

namespace AlignDsl.Generators.Tests;

/// <summary>Runs the experiment generator the way a user's build would, and finds the repository's files.</summary>
internal static class Generate
{
    /// <summary>
    /// The platform, plus the runtime that defines the declaration attributes. The generator's own assembly is left out:
    /// a user's project gets it as an analyzer, not a reference, and it compiles its own copy of the public rulebook.
    /// </summary>
    public static IReadOnlyList<MetadataReference> References { get; } =
        GeneratorSnapshots.DefaultReferences(typeof(ExperimentAttribute))
            .Where(r => !string.Equals(r.Display, typeof(ExperimentGenerator).Assembly.Location, StringComparison.OrdinalIgnoreCase))
            .ToArray();

    /// <summary>The usual header of a declaration file.</summary>
    public const string Usings = """
        using AlignDsl;
        using AlignDsl.Data;
        using AlignDsl.Evaluation;

        """;

    public static GeneratorRun Run(params string[] sources) => GeneratorSnapshots.Run(new ExperimentGenerator(), sources, References);

    /// <summary>The QuickStart declarations as they are on disk: GymSft.cs, then GymDpo.cs.</summary>
    public static string[] QuickStart() => [Example("GymSft.cs"), Example("GymDpo.cs")];

    /// <summary>Every declaration under examples/QuickStart/Experiments, in file-name order.</summary>
    public static string[] AllExamples() =>
        Directory.GetFiles(RepoPath("examples", "QuickStart", "Experiments"), "*.cs").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();

    public static string Example(string file) => File.ReadAllText(RepoPath("examples", "QuickStart", "Experiments", file));

    /// <summary>A path under the repository root, found from this source file's place in it.</summary>
    public static string RepoPath(params string[] parts) => Path.Combine(RepoRoot(), Path.Combine(parts));

    private static string RepoRoot([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", ".."));
}
