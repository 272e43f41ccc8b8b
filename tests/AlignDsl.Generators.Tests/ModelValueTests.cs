extern alias generator;
using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StepNames = generator::AlignDsl.Generators.StepNames;

namespace AlignDsl.Generators.Tests;

/// <summary>
/// The values the pipeline caches are plain data: no symbol, syntax node, syntax tree, location, semantic model or
/// compilation, which would hold whole compilations alive and defeat the cache's equality checks.
/// </summary>
public sealed class ModelValueTests
{
    [Fact]
    public void Tracked_step_outputs_hold_no_compiler_objects()
    {
        var run = Generate.Run([.. Generate.QuickStart(), Generate.Usings + "[Experiment(\"bad\")] [Dpo(Beta = 0)] public partial class Bad;"]);
        var result = run.Driver.GetRunResult().Results[0];
        var visited = 0;
        var leaks = new List<string>();
        var types = new HashSet<string>();

        foreach (var step in new[] { StepNames.Parsed, StepNames.Resolved, StepNames.Experiment, StepNames.Registry })
            foreach (var (value, _) in result.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                visited++;
                Walk(value, step, new HashSet<object>(ReferenceEqualityComparer.Instance), leaks, types);
            }

        Assert.True(visited >= 4, $"only {visited} outputs were tracked");
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        Assert.Superset(new HashSet<string> { "ExperimentModel", "PolicyModel", "TrainingModel", "SuiteModel", "DiagnosticInfo", "LocationInfo" }, types);
    }

    [Fact]
    public void The_walk_finds_a_leak()
    {
        var leaks = new List<string>();
        Walk(new { Inner = new[] { new { Node = SyntaxFactory.IdentifierName("x") } } }, "value", new(ReferenceEqualityComparer.Instance), leaks, []);
        Assert.Equal(["value.Inner[0].Node: IdentifierNameSyntax"], leaks);
    }

    private static void Walk(object? value, string path, HashSet<object> seen, List<string> leaks, HashSet<string> types)
    {
        if (value is null) return;
        if (value is ISymbol or SyntaxNode or SyntaxTree or Location or SemanticModel or Compilation)
        {
            leaks.Add($"{path}: {value.GetType().Name}");
            return;
        }
        var type = value.GetType();
        // A model's catalogue entry is the shared static table (ObjectiveModel.Entry), not data of this compilation.
        if (type.FullName == "AlignDsl.Catalogue.ObjectiveEntry") return;
        if (type.IsPrimitive || type.IsEnum || value is string or decimal) return;
        if (!type.IsValueType && !seen.Add(value)) return;
        types.Add(type.Name);
        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items) Walk(item, $"{path}[{i++}]", seen, leaks, types);
            return;
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            Walk(property.GetValue(value), $"{path}.{property.Name}", seen, leaks, types);
    }
}
