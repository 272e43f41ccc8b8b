extern alias generator;
using System.Globalization;
using System.Reflection;
using GeneratorBenchmark;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ExperimentGenerator = generator::AlignDsl.Generators.ExperimentGenerator;
using StepNames = generator::AlignDsl.Generators.StepNames;

// How long the experiment generator takes on a project of 100 experiments (see Declarations): (a) a cold run with a
// new driver, (b) a rerun after an edit that touches no experiment, (c) a rerun after one experiment's Beta changed.
// Each is timed N times after a warm-up, in this one process, in rounds that interleave them with a baseline:
// compilation.GetDiagnostics() of the same compilation without the generator, so each figure is also a ratio to the
// compiler's own work on this machine at that moment.
//   dotnet run --project benchmarks/GeneratorBenchmark -c Release [-- --repeats 15]
var repeats = Option("--repeats", 15);
var warmup = Option("--warmup", 5);
if (repeats < 1 || warmup < 0)
{
    Console.Error.WriteLine("usage: GeneratorBenchmark [--repeats N (≥ 1, default 15)] [--warmup N (≥ 0, default 5)]");
    return 2;
}

var declarations = Declarations.Create();
var workspace = new Workspace(declarations);

// The sanity run: the generator must see every experiment, without errors, before its time means anything.
var check = NewDriver(track: false).RunGenerators(workspace.Fresh()).GetRunResult();
var checkResult = check.Results.Single();
if (checkResult.Exception is not null || check.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error)
    || checkResult.GeneratedSources.Length != declarations.Count + 1)
{
    Console.Error.WriteLine($"The generator did not generate the {declarations.Count} experiments and the registry cleanly: " +
        $"{checkResult.GeneratedSources.Length} files, exception {checkResult.Exception}");
    foreach (var diagnostic in check.Diagnostics) Console.Error.WriteLine(diagnostic);
    return 1;
}

var baseline = Scenario.Of("compilation.GetDiagnostics(), no generator",
    workspace.Fresh, c => c.GetDiagnostics(), d => (0, d.Count(x => x.Severity >= DiagnosticSeverity.Warning)));
Scenario[] scenarios =
[
    baseline,
    Scenario.Of("(a) cold run, new driver", workspace.Fresh, c => NewDriver(track: false).RunGenerators(c), Count),
    Scenario.Of("(b) rerun after an unrelated edit", () => Warm(Workspace.WithUnrelatedFile), s => s.Driver.RunGenerators(s.Edited), Count),
    Scenario.Of("(c) rerun after one Beta edit", () => Warm(Workspace.WithBetaEdited), s => s.Driver.RunGenerators(s.Edited), Count),
];
Scenario.RunRounds(scenarios, warmup, repeats);

var edited = Warm(Workspace.WithBetaEdited);
var betaFile = edited.Driver.RunGenerators(edited.Edited).GetRunResult().Results.Single().GeneratedSources
    .Single(s => s.HintName == "Bench.Sweep." + Path.GetFileNameWithoutExtension(Declarations.EditedFile) + ".g.cs").SourceText.ToString();
if (!betaFile.Contains("Beta = 0.14;", StringComparison.Ordinal))
{
    Console.Error.WriteLine($"The rerun after the Beta edit did not regenerate {Declarations.EditedFile} with the new β.");
    return 1;
}

var roslyn = typeof(CSharpCompilation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
Console.WriteLine($"Experiment generator on {declarations.Count} experiments in {declarations.Count} files; {repeats} timed rounds after {warmup} warm-up rounds, each round every scenario once");
Console.WriteLine($".NET {Environment.Version}, Roslyn {roslyn}, {Environment.ProcessorCount} cores{(IsDebug() ? ", DEBUG BUILD: run with -c Release" : "")}");
Console.WriteLine();
Console.WriteLine($"{"scenario",-44} {"median ms",10} {"min ms",9} {"max ms",9} {"× baseline",11} {"files",6} {"diagnostics",12}");
foreach (var scenario in scenarios)
{
    var (files, diagnostics) = scenario.Result;
    Console.WriteLine($"{scenario.Name,-44} {scenario.Median,10:F1} {scenario.Min,9:F1} {scenario.Max,9:F1} {scenario.Median / baseline.Median,11:F2} {files,6} {diagnostics,12}");
}
var byRule = check.Diagnostics.GroupBy(d => $"{d.Id} {d.Severity.ToString().ToLowerInvariant()}").OrderBy(g => g.Key, StringComparer.Ordinal);
Console.WriteLine($"Generator diagnostics: {(check.Diagnostics.IsEmpty ? "none" : string.Join(", ", byRule.Select(g => $"{g.Key} ×{g.Count()}")))}");
Console.WriteLine();
Console.WriteLine("What each rerun recomputed (reasons of the tracked steps' outputs, from one tracked run):");
Console.WriteLine($"  (b) unrelated edit: {Reasons(Workspace.WithUnrelatedFile)}");
Console.WriteLine($"  (c) Beta edit:      {Reasons(Workspace.WithBetaEdited)}");
return 0;

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
        ? value
        : at >= 0 ? -1 : fallback;
}

static GeneratorDriver NewDriver(bool track) =>
    CSharpGeneratorDriver.Create([new ExperimentGenerator().AsSourceGenerator()], parseOptions: Workspace.ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

// A driver that has run once on a fresh compilation, and that compilation after an edit: the state of the IDE after a keystroke.
(GeneratorDriver Driver, Compilation Edited) Warm(Func<Compilation, Compilation> edit, bool track = false)
{
    var compilation = workspace.Fresh();
    return (NewDriver(track).RunGenerators(compilation), edit(compilation));
}

static (int Files, int Diagnostics) Count(GeneratorDriver driver)
{
    var result = driver.GetRunResult();
    return (result.GeneratedTrees.Length, result.Diagnostics.Length);
}

string Reasons(Func<Compilation, Compilation> edit)
{
    var (driver, compilation) = Warm(edit, track: true);
    var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();
    var steps = new[] { StepNames.Parsed, StepNames.Resolved, StepNames.Experiment, StepNames.Registry }
        .Select(name => (Name: name, Outputs: result.TrackedSteps.TryGetValue(name, out var runs) ? runs.SelectMany(r => r.Outputs) : []))
        .Append((Name: "source outputs", Outputs: result.TrackedOutputSteps.Values.SelectMany(runs => runs).SelectMany(r => r.Outputs)));
    return string.Join("; ", steps.Select(step => step.Name + " " + string.Join(", ",
        step.Outputs.GroupBy(o => o.Reason).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"))));
}

static bool IsDebug() =>
    typeof(Declarations).Assembly.GetCustomAttribute<System.Diagnostics.DebuggableAttribute>()?.IsJITOptimizerDisabled ?? false;
