using System.Collections.Immutable;
using AlignDsl.Generators.Diagnostics;
using AlignDsl.Generators.Emitting;
using AlignDsl.Generators.Model;
using AlignDsl.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace AlignDsl.Generators;

/// <summary>
/// The pipeline, top to bottom: find <c>[Experiment]</c> classes → parse each into an equatable model → resolve
/// the checks that need all of them → report diagnostics, emit one file per valid experiment and the registry
/// of those (always, even when empty).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ExperimentGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownTypes.Experiment,
                predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
                transform: static (ctx, ct) => ExperimentParser.Parse(ctx, ct))
            .WithTrackingName(StepNames.Parsed);

        // Only the number leaves the compilation, so an edit elsewhere leaves the steps below cached.
        var assemblyBudget = context.CompilationProvider
            .Select(static (compilation, _) => AssemblyBudget.Read(compilation))
            .WithTrackingName(StepNames.AssemblyBudget);

        // The project's JSONL AdditionalFiles, as paths only: when there are any, each declared data file must be one of them.
        var dataFiles = context.AdditionalTextsProvider
            .Where(static file => file.Path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
            .Select(static (file, _) => file.Path)
            .Collect()
            .Select(static (paths, _) => paths.OrderBy(p => p, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(StepNames.DataFiles);

        // Model folders' config.json AdditionalFiles, with their text: the memory estimate of a pretrained policy reads its size there.
        var configFiles = context.AdditionalTextsProvider
            .Where(static file => Path.GetFileName(file.Path).Equals("config.json", StringComparison.OrdinalIgnoreCase))
            .Select(static (file, ct) => new ConfigFileModel(file.Path, file.GetText(ct)?.ToString() ?? ""))
            .Collect()
            .Select(static (files, _) => files.OrderBy(f => f.Path, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(StepNames.ConfigFiles);

        var resolved = parsed.Collect().Combine(assemblyBudget).Combine(dataFiles).Combine(configFiles)
            .Select(static (input, ct) => new EquatableArray<ExperimentModel>(
                ExperimentSet.Resolve(input.Left.Left.Left, input.Left.Left.Right.GiB, input.Left.Right, input.Right, ct)))
            .WithTrackingName(StepNames.Resolved);

        var experiments = resolved.SelectMany(static (all, _) => all.Items).WithTrackingName(StepNames.Experiment);

        context.RegisterSourceOutput(experiments, static (spc, experiment) =>
        {
            // A sweep's declaration gets its part even beside other ALIGN errors: [Sweep(nameof(...))] names a member of it. Not
            // when the user's class already declares one of its names (ALIGN049): that would only add CS0102.
            if (experiment.Sweep is not null)
            {
                if (experiment.Diagnostics.All(d => d.RuleId != Rules.RuleBook.MemberCollidesWithGenerated.Id))
                    spc.AddSource(experiment.HintName, SweepEmitter.Emit(experiment));
            }
            else if (experiment.CanEmit) spc.AddSource(experiment.HintName, ExperimentEmitter.Emit(experiment));
        });

        // Diagnostics are reported apart, against the compilation's own syntax trees: a location in a tree is one the
        // compiler checks against the tree's #pragma warning directives (a location made from a file path is not).
        // This step reruns with every compilation, but only reports; the emitted code above stays cached.
        var diagnostics = resolved
            // Distinct: a sweep's members may each find the same problem at the same place (one shared parent, one budget).
            .Select(static (all, _) => all.SelectMany(e => e.Diagnostics).Distinct().ToEquatableArray())
            .Combine(assemblyBudget.Select(static (budget, _) => budget.Problem))
            .WithTrackingName(StepNames.Diagnostics)
            .Combine(context.CompilationProvider);
        context.RegisterSourceOutput(diagnostics, static (spc, input) =>
        {
            var ((found, budgetProblem), compilation) = input;
            // The usual case, on every edit in an editor: nothing to report, so the trees are not indexed.
            if (found.Count == 0 && budgetProblem is null) return;
            var trees = compilation.SyntaxTrees.GroupBy(t => t.FilePath).ToDictionary(g => g.Key, g => g.First());
            if (budgetProblem is { } problem) Report(spc, problem, trees);
            foreach (var diagnostic in found) Report(spc, diagnostic, trees);
        });

        var registry = resolved
            .Select(static (all, _) => all.Where(e => e.CanEmit && e.Sweep is null).ToEquatableArray())
            .WithTrackingName(StepNames.Registry);
        // Always emitted, empty when no experiment compiles: Program.cs refers to it, and a missing registry would add
        // CS0234 ("AlignDsl.Generated" does not exist) beside the ALIGN errors that are the real cause.
        context.RegisterSourceOutput(registry, static (spc, all) => spc.AddSource(RegistryEmitter.HintName, RegistryEmitter.Emit(all)));
    }

    private static void Report(SourceProductionContext spc, DiagnosticInfo diagnostic, IReadOnlyDictionary<string, SyntaxTree> trees) =>
        spc.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.For(diagnostic.RuleId), diagnostic.Location?.ToLocation(trees),
            diagnostic.Arguments.ToArray<object>()));
}

/// <summary>Tracking names of the pipeline's steps, for incrementality tests.</summary>
public static class StepNames
{
    public const string Parsed = nameof(Parsed);
    public const string AssemblyBudget = nameof(AssemblyBudget);
    public const string DataFiles = nameof(DataFiles);
    public const string ConfigFiles = nameof(ConfigFiles);
    public const string Resolved = nameof(Resolved);
    public const string Experiment = nameof(Experiment);
    public const string Registry = nameof(Registry);
    public const string Diagnostics = nameof(Diagnostics);
}
