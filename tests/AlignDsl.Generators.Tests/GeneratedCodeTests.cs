extern alias generator;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;
using ExperimentGenerator = generator::AlignDsl.Generators.ExperimentGenerator;

namespace AlignDsl.Generators.Tests;

/// <summary>
/// The standing guarantee over mutated declarations (see <see cref="Mutations"/>): the generator never throws, and the
/// code it generates never fails to compile unless an ALIGN error (or a compile error in the user's own code) says why.
/// A CS error inside a <c>.g.cs</c> file the user never wrote, with nothing else reported, is the failure this catches.
/// Seeded, so a failure found once is found on every run, and bounded in time: mutants are tried in a seeded shuffled
/// order until <see cref="Budget"/> runs out, and the counts are written to the test output.
/// </summary>
public sealed class GeneratedCodeTests(ITestOutputHelper output)
{
    private const int Seed = 1313;

    /// <summary>
    /// Wall-clock budget for the mutants, 6 s unless <c>ALIGNDSL_PROPERTY_SECONDS</c> gives more (a longer local hunt); at
    /// least <see cref="MinimumTried"/> are tried whatever it says.
    /// </summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("ALIGNDSL_PROPERTY_SECONDS"), out var seconds) && seconds > 0 ? seconds : 6);

    private const int MinimumTried = 60;

    /// <summary>Generated and compiled mutants the property needs before it may stop at its budget.</summary>
    private const int MinimumCompiled = 8;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    private static readonly Lazy<CSharpCompilation> Empty = new(() =>
    {
        var compilation = CSharpCompilation.Create("AlignDsl.Property", [], Generate.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        _ = compilation.GetTypeByMetadataName("AlignDsl.ExperimentAttribute") ?? throw new InvalidOperationException("AlignDsl is not referenced.");
        return compilation;
    });

    [Fact]
    public void Generated_code_never_fails_to_compile_without_an_ALIGN_error()
    {
        var files = Generate.AllExamples().Select((text, i) => (File: ExampleFiles()[i], Text: text)).ToArray();
        var companions = files.Where(f => FuzzHarness.Companions.Contains(f.File))
            .Select(f => CSharpSyntaxTree.ParseText(f.Text, ParseOptions, path: f.File)).ToArray();
        var random = new Random(Seed);
        var mutants = Mutations.Generate(files, Seed, singlesPerKind: 8, combinations: 30, Mutations.Semantic).OrderBy(_ => random.Next()).ToList();

        var outcomes = new ConcurrentBag<PropertyOutcome>();
        var clock = Stopwatch.StartNew();
        var compiled = 0;
        Parallel.ForEach(mutants, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, (mutant, loop) =>
        {
            // Past the budget, stop once enough were tried and enough of those compiled: on a slow machine the first
            // sixty alone may hold fewer compiled mutants than the property needs to mean anything.
            if (clock.Elapsed > Budget && outcomes.Count >= MinimumTried && Volatile.Read(ref compiled) >= MinimumCompiled) { loop.Stop(); return; }
            var outcome = Check(mutant, companions);
            if (outcome.Compiled) Interlocked.Increment(ref compiled);
            outcomes.Add(outcome);
        });
        clock.Stop();

        var all = outcomes.ToList();
        var failures = all.Where(o => o.Failed).ToList();
        output.WriteLine($"seed {Seed}: {all.Count} of {mutants.Count} mutants tried in {clock.ElapsedMilliseconds} ms; " +
            $"{all.Count(o => o.AlignErrors > 0)} stopped by an ALIGN error, {all.Count(o => o.AlignErrors == 0 && o.UserErrors)} with errors in the user's own code, " +
            $"{all.Count(o => o.Compiled)} generated and compiled ({all.Count(o => o.Compiled && o.GeneratedErrors.Count == 0)} cleanly), " +
            $"{all.Count(o => o.Exception is not null)} generator exceptions, {failures.Count} unexplained compile errors in generated code");

        Assert.True(failures.Count == 0, Describe(failures));
        Assert.True(all.Count >= MinimumTried, $"only {all.Count} mutants were tried");
        // A property that holds because nothing was ever generated or compiled proves nothing.
        Assert.True(all.Count(o => o.Compiled) >= MinimumCompiled, $"only {all.Count(o => o.Compiled)} mutants were generated and compiled");
        Assert.Contains(all, o => o.AlignErrors > 0);
    }

    /// <summary>The check can fail: generated code that does not compile, with no ALIGN error and clean user code, is reported.</summary>
    [Fact]
    public void A_collision_the_generator_did_not_report_would_be_a_failure()
    {
        var outcome = new PropertyOutcome(new Mutant("X.cs", "", "hand-made", ""), null, 0, false, ["X.g.cs(1,1): error CS0102: duplicate"], true);
        Assert.True(outcome.Failed);
        Assert.False(outcome with { AlignErrors = 1 } is { Failed: true });
        Assert.False(outcome with { UserErrors = true } is { Failed: true });
    }

    private static PropertyOutcome Check(Mutant mutant, SyntaxTree[] companions)
    {
        var tree = CSharpSyntaxTree.ParseText(mutant.Text, ParseOptions, path: mutant.File);
        var input = Empty.Value.AddSyntaxTrees(companions.Where(t => t.FilePath != mutant.File).Append(tree));
        var driver = CSharpGeneratorDriver.Create([new ExperimentGenerator().AsSourceGenerator()], parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(input, out var compiled, out var driverDiagnostics);
        var result = driver.GetRunResult().Results.Single();
        var alignErrors = result.Diagnostics.Count(d => d.Id.StartsWith("ALIGN", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error);
        var exception = result.Exception ?? (driverDiagnostics.Any(d => d.Id is "CS8785" or "CS8784") ? new InvalidOperationException("CS8785") : null);
        if (exception is not null || alignErrors > 0 || result.GeneratedSources.Length == 0)
            return new PropertyOutcome(mutant, exception, alignErrors, false, [], false);

        // The companions compile cleanly on their own, so only the mutated file can hold the user's errors.
        var userErrors = input.GetSemanticModel(tree).GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
        if (userErrors) return new PropertyOutcome(mutant, null, 0, true, [], false);
        var generatedTrees = compiled.SyntaxTrees.Where(t => !input.SyntaxTrees.Contains(t)).ToList();
        var errors = generatedTrees.SelectMany(t => compiled.GetSemanticModel(t).GetDiagnostics())
            .Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        return new PropertyOutcome(mutant, null, 0, false, errors, true);
    }

    private static string[] ExampleFiles() =>
        Directory.GetFiles(Generate.RepoPath("examples", "QuickStart", "Experiments"), "*.cs").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();

    private static string Describe(IReadOnlyList<PropertyOutcome> failures)
    {
        var text = new StringBuilder($"{failures.Count} mutants gave generated code that does not compile, or made the generator throw, without an ALIGN error:\n");
        foreach (var failure in failures.Take(8))
        {
            text.Append($"\n=== {failure.Mutant.File}: {failure.Mutant.Description}\n");
            text.Append(failure.Exception?.ToString() ?? string.Join("\n", failure.GeneratedErrors.Take(5))).Append('\n');
        }
        return text.ToString();
    }
}

/// <summary>What one mutant gave: ALIGN errors, errors in the user's code, and the errors of the generated code if it was compiled.</summary>
internal sealed record PropertyOutcome(Mutant Mutant, Exception? Exception, int AlignErrors, bool UserErrors, IReadOnlyList<string> GeneratedErrors, bool Compiled)
{
    public bool Failed => Exception is not null || (AlignErrors == 0 && !UserErrors && GeneratedErrors.Count > 0);
}
