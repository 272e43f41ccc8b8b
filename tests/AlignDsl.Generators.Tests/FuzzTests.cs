extern alias generator;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;
using ExperimentGenerator = generator::AlignDsl.Generators.ExperimentGenerator;

namespace AlignDsl.Generators.Tests;

/// <summary>
/// Fuzzes the generator with mutants of every example declaration (see <see cref="Mutations"/>): deleted, duplicated
/// and swapped tokens, odd literals and types, missing closers, truncated files, stray directives, misspelt attributes,
/// reshaped classes and namespaces, and chains of these. An exception in a generator surfaces in the IDE as CS8785 and
/// drops every generated file of the project, so whatever is typed, the generator must report diagnostics, not throw.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    /// <summary>Fixes every mutant: a failure found once is found again on every run.</summary>
    private const int Seed = 8785;

    /// <summary>Per example file: 12 mutants of each of the 14 kinds, then 60 chains, before duplicates are dropped.</summary>
    private const int SinglesPerKind = 12, Combinations = 60;

    [Fact]
    public void Mutated_examples_never_make_the_generator_throw()
    {
        var harness = new FuzzHarness(new ExperimentGenerator());
        var mutants = Mutations.Generate(harness.Examples, Seed, SinglesPerKind, Combinations);

        var clock = Stopwatch.StartNew();
        var outcomes = new FuzzOutcome[mutants.Count];
        Parallel.For(0, mutants.Count, i => outcomes[i] = harness.Run(mutants[i]));
        clock.Stop();

        var failures = outcomes.Where(o => o.Failed).ToList();
        output.WriteLine($"{mutants.Count} mutants of {harness.Examples.Count} files in {clock.ElapsedMilliseconds} ms; " +
            $"{outcomes.Count(o => o.AlignDiagnostics > 0)} with ALIGN diagnostics, {outcomes.Count(o => o.GeneratedFiles > 0)} with generated files, " +
            $"{failures.Count} failures");
        Assert.True(failures.Count == 0, FuzzReport.Describe(failures, mutants.Count));

        Assert.True(mutants.Count >= 1000, $"Only {mutants.Count} distinct mutants were made.");
        // A generator that silently did nothing would pass the loop above: it must still react to what it is given.
        Assert.Contains(outcomes, o => o.AlignDiagnostics > 0);
        Assert.Contains(outcomes, o => o.GeneratedFiles > 0);
        // The registry is always there; a mutant that breaks its experiment leaves it alone.
        Assert.Contains(outcomes, o => o.GeneratedFiles == 1);
    }

    /// <summary>
    /// A sample of the mutants again, each among all the examples, where an edit can also clash with experiments it does not
    /// name: a duplicated name, an InitFrom cycle through another file.
    /// </summary>
    [Fact]
    public void Mutants_among_all_the_examples_never_make_the_generator_throw()
    {
        var harness = new FuzzHarness(new ExperimentGenerator());
        var mutants = Mutations.Generate(harness.Examples, Seed + 1, singlesPerKind: 1, combinations: 10);

        var outcomes = new FuzzOutcome[mutants.Count];
        var clock = Stopwatch.StartNew();
        Parallel.For(0, mutants.Count, i => outcomes[i] = harness.Run(mutants[i], withAllExamples: true));
        clock.Stop();

        var failures = outcomes.Where(o => o.Failed).ToList();
        output.WriteLine($"{mutants.Count} mutants, each among all {harness.Examples.Count} examples, in {clock.ElapsedMilliseconds} ms; {failures.Count} failures");
        Assert.True(failures.Count == 0, FuzzReport.Describe(failures, mutants.Count));
        Assert.True(mutants.Count >= 150, $"Only {mutants.Count} distinct mutants were made.");
        Assert.Contains(outcomes, o => o.AlignErrors > 0);
    }

    [Fact]
    public void The_unmutated_examples_generate_every_file_without_errors()
    {
        var harness = new FuzzHarness(new ExperimentGenerator());
        var baseline = harness.Baseline;

        Assert.False(baseline.Failed, FuzzReport.Describe([baseline], 1));
        Assert.Equal(0, baseline.AlignErrors);
        // One file per experiment, one more per member of a sweep, and the registry.
        Assert.Equal(harness.Examples.Count + harness.Examples.Sum(e => SweepValues(e.Text)) + 1, baseline.GeneratedFiles);
    }

    /// <summary>The values of an example's <c>[Sweep(nameof(X), a, b, …)]</c>: each is an experiment of its own.</summary>
    private static int SweepValues(string example) =>
        System.Text.RegularExpressions.Regex.Match(example, @"\[Sweep\(nameof\(\w+\)(?<values>[^\]]*)\)\]") is { Success: true } sweep
            ? sweep.Groups["values"].Value.Count(c => c == ',')
            : 0;

    /// <summary>The check itself must be able to fail: a generator that throws is reported with its exception and CS8785.</summary>
    [Fact]
    public void The_harness_reports_a_generator_that_throws()
    {
        var outcome = new FuzzHarness(new ThrowingGenerator()).Baseline;

        Assert.True(outcome.Failed);
        Assert.IsType<InvalidOperationException>(outcome.Exception);
        Assert.Contains(outcome.DriverDiagnostics, d => d.Id == "CS8785");
        Assert.Contains("boom", FuzzReport.Describe([outcome], 1), StringComparison.Ordinal);
    }

    /// <summary>Throws from its source output, as a generator bug would.</summary>
    private sealed class ThrowingGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context) =>
            context.RegisterSourceOutput(context.CompilationProvider, static (_, _) => throw new InvalidOperationException("boom"));
    }
}

/// <summary>What one generator run over one mutant gave.</summary>
internal sealed record FuzzOutcome(
    Mutant Mutant, Exception? Exception, ImmutableArray<Diagnostic> DriverDiagnostics, int GeneratedFiles, int AlignDiagnostics, int AlignErrors)
{
    /// <summary>CS8785: a generator threw during generation; CS8784: during initialisation.</summary>
    public bool Failed => Exception is not null || DriverDiagnostics.Any(d => d.Id is "CS8785" or "CS8784");
}

/// <summary>
/// Runs a generator over one mutant, compiled beside the unmutated <see cref="Companions"/> (so InitFrom resolves, to a
/// policy or to a reward model). Each experiment in a fresh compilation costs the generator a millisecond or more, so
/// the other examples are left out: all of them are compiled together only for <see cref="Baseline"/>. Unmutated files
/// are parsed once, and every compilation derives from one whose references are already bound.
/// </summary>
internal sealed class FuzzHarness
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    /// <summary>
    /// Of <see cref="Generate.References"/>, the runtime AlignDsl and the assemblies it references: what every project
    /// that declares experiments has. Binding in a fresh compilation costs in proportion to the references, and the
    /// generator looks up AlignDsl's types only, so this keeps each run about three times cheaper for the same result.
    /// </summary>
    private static readonly MetadataReference[] References = ReferencesOf(typeof(ExperimentAttribute).Assembly);

    private static readonly Lazy<CSharpCompilation> Empty = new(() =>
    {
        var compilation = CSharpCompilation.Create("AlignDsl.Fuzz", [], References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        // Binds the references now; compilations that only add syntax trees share them.
        _ = compilation.GetTypeByMetadataName("AlignDsl.ExperimentAttribute") ?? throw new InvalidOperationException("AlignDsl is not referenced.");
        return compilation;
    });

    private static readonly Lazy<IReadOnlyList<(string File, string Text, SyntaxTree Tree)>> Files = new(() =>
        Directory.GetFiles(Generate.RepoPath("examples", "QuickStart", "Experiments"), "*.cs")
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .Select(file => (file!, Generate.Example(file!), CSharpSyntaxTree.ParseText(Generate.Example(file!), ParseOptions, path: file!)))
            .ToArray());

    /// <summary>Compiled beside every mutant: the experiment the others start from, and the one that trains no policy.</summary>
    public static readonly string[] Companions = ["GymSft.cs", "GymRewardModel.cs"];

    private readonly ISourceGenerator _generator;

    public FuzzHarness(IIncrementalGenerator generator)
    {
        _generator = generator.AsSourceGenerator();
        Examples = Files.Value.Select(f => (f.File, f.Text)).ToArray();
        Baseline = Run(new Mutant(Examples[0].File, Examples[0].Text, "unmutated", Examples[0].Text), Files.Value.Select(f => f.Tree));
    }

    /// <summary>The example declarations: file name and text, in file-name order.</summary>
    public IReadOnlyList<(string File, string Text)> Examples { get; }

    /// <summary>The run over all the unmutated examples.</summary>
    public FuzzOutcome Baseline { get; }

    /// <summary>Runs the generator over <paramref name="mutant"/> beside the companions, or beside every other example.</summary>
    public FuzzOutcome Run(Mutant mutant, bool withAllExamples = false) =>
        Run(mutant, Files.Value.Where(f => withAllExamples || Companions.Contains(f.File)).Select(f => f.Tree));

    private FuzzOutcome Run(Mutant mutant, IEnumerable<SyntaxTree> others)
    {
        var mutated = CSharpSyntaxTree.ParseText(mutant.Text, ParseOptions, path: mutant.File);
        var compilation = Empty.Value.AddSyntaxTrees(others.Where(t => t.FilePath != mutant.File).Append(mutated));
        var driver = CSharpGeneratorDriver.Create([_generator], parseOptions: ParseOptions).RunGenerators(compilation);
        var run = driver.GetRunResult();
        var result = run.Results.Single();
        var align = result.Diagnostics.Where(d => d.Id.StartsWith("ALIGN", StringComparison.Ordinal)).ToList();
        return new FuzzOutcome(mutant, result.Exception, run.Diagnostics.AddRange(result.Diagnostics), result.GeneratedSources.Length,
            align.Count, align.Count(d => d.Severity == DiagnosticSeverity.Error));
    }

    private static MetadataReference[] ReferencesOf(System.Reflection.Assembly assembly)
    {
        var names = assembly.GetReferencedAssemblies().Select(a => a.Name + ".dll")
            .Append(Path.GetFileName(assembly.Location)).Append(Path.GetFileName(typeof(object).Assembly.Location))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Generate.References.Where(r => names.Contains(Path.GetFileName(r.Display ?? ""))).ToArray();
    }
}

/// <summary>Describes failed mutants: what was done to which file, the exception with its stack, and the mutated lines.</summary>
internal static class FuzzReport
{
    private const int ShownInFull = 10;

    public static string Describe(IReadOnlyList<FuzzOutcome> failures, int total)
    {
        var text = new StringBuilder($"{failures.Count} of {total} mutants made the generator throw.\n");
        foreach (var failure in failures.Take(ShownInFull))
        {
            var mutant = failure.Mutant;
            text.Append($"\n=== {mutant.File}: {mutant.Description}\n");
            text.Append(failure.Exception?.ToString() ?? string.Join("\n", failure.DriverDiagnostics.Select(d => d.ToString())));
            text.Append("\n--- mutated lines\n").Append(Excerpt(mutant.Original, mutant.Text));
        }
        foreach (var failure in failures.Skip(ShownInFull))
            text.Append($"\n=== {failure.Mutant.File}: {failure.Mutant.Description}: {failure.Exception?.GetType().Name} {failure.Exception?.Message}");
        return text.ToString();
    }

    /// <summary>The mutant's lines from three before the first one that differs from the original to six after it.</summary>
    private static string Excerpt(string original, string mutant)
    {
        string[] before = original.Split('\n'), after = mutant.Split('\n');
        var first = 0;
        while (first < before.Length && first < after.Length && before[first] == after[first]) first++;
        var text = new StringBuilder();
        for (var line = Math.Max(0, first - 3); line < Math.Min(after.Length, first + 7); line++)
            text.Append($"{line + 1,4} | {after[line].TrimEnd('\r')}\n");
        return text.ToString();
    }
}
