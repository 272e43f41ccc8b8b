extern alias generator;
using AlignDsl.Testing;
using Microsoft.CodeAnalysis;
using ExperimentModel = generator::AlignDsl.Generators.Model.ExperimentModel;
using StepNames = generator::AlignDsl.Generators.StepNames;

namespace AlignDsl.Generators.Tests;

/// <summary>Editing one value of a sweep recomputes that member only: the others' generated files stay cached.</summary>
public sealed class SweepIncrementalTests
{
    [Fact]
    public void Changing_one_value_modifies_only_its_member()
    {
        var source = Generate.Usings + """
            namespace Tests;

            [Experiment("sft")]
            [Sft]
            [GymData(GymTask.HelpfulHarmless)]
            public partial class Sft;

            [Experiment("dpo-sweep")]
            [Sweep(nameof(Beta), 0.15, 0.5)]
            [Policy(InitFrom = typeof(Sft))]
            [Dpo]
            [GymData(GymTask.HelpfulHarmless)]
            public partial class DpoSweep;
            """;
        var run = Generate.Run(source);
        var tree = run.InputCompilation.SyntaxTrees.Single();
        var edited = run.InputCompilation.ReplaceSyntaxTree(tree,
            tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(source.Replace("0.15, 0.5)", "0.15, 0.4)"))));

        var result = run.Driver.RunGenerators(edited).GetRunResult().Results[0];

        var reasons = result.TrackedSteps[StepNames.Experiment].SelectMany(r => r.Outputs)
            .ToDictionary(o => ((ExperimentModel)o.Value).FullName, o => o.Reason);
        Assert.True(reasons["Tests.DpoSweep.Beta_0_15"] is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            $"Beta_0_15: {reasons["Tests.DpoSweep.Beta_0_15"]}");
        // The driver compares outputs by position: the second member's slot now holds β 0.4.
        Assert.Equal(IncrementalStepRunReason.Modified, reasons["Tests.DpoSweep.Beta_0_4"]);
        Assert.DoesNotContain("Tests.DpoSweep.Beta_0_5", reasons.Keys);
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Tests.DpoSweep.Beta_0_4.g.cs"
            && s.SourceText.ToString().Contains("private const double Beta = 0.4;", StringComparison.Ordinal));
    }
}
