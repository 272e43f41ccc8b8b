extern alias generator;
using AlignDsl.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ExperimentGenerator = generator::AlignDsl.Generators.ExperimentGenerator;

namespace AlignDsl.CodeFixes.Tests;

/// <summary>The generator's ALIGN023: [Reference] on an objective whose catalogue entry keeps no reference model.</summary>
public sealed class ReferenceRuleTests
{
    private static string Source(string objective) => Workspace.Usings + $"""
        namespace Tests;

        [Experiment("exp")]
        {objective}
        [Reference]
        [GymData(GymTask.HelpfulHarmless)]
        public partial class Exp;
        """;

    [Theory]
    [InlineData("[SimPo]", "SimPO")]
    [InlineData("[Orpo(Lambda = 0.2)]", "ORPO")]
    [InlineData("[Sft]", "SFT")]
    public void Is_a_warning_at_the_Reference_attribute_for_a_reference_free_objective(string objective, string name)
    {
        var source = Source(objective);
        var run = Run(source);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(("ALIGN023", DiagnosticSeverity.Warning), (diagnostic.Id, diagnostic.Severity));
        Assert.Equal(
            $"Experiment 'exp' declares [Reference], but {name} does not use a reference model: remove it, it would only hold memory",
            diagnostic.GetMessage());
        var at = source.IndexOf("[Reference]", StringComparison.Ordinal) + 1;
        Assert.Equal(new TextSpan(at, "Reference".Length), diagnostic.Location.SourceSpan);
        Assert.Contains(run.Files, f => f.HintName == "Tests.Exp.g.cs");
    }

    [Theory]
    [InlineData("[Dpo]")]
    [InlineData("[Ipo]")]
    [InlineData("[Kto]")]
    public void Is_not_reported_where_the_objective_holds_a_reference(string objective)
    {
        var run = Run(Source(objective));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains(run.Files, f => f.HintName == "Tests.Exp.g.cs");
    }

    [Fact]
    public void Does_not_change_the_generated_code()
    {
        var with = Run(Source("[SimPo]"));
        var without = Run(Source("[SimPo]").Replace("[Reference]\n", "", StringComparison.Ordinal));
        Assert.Empty(without.GeneratorDiagnostics);
        Assert.Equal(without.Files.Select(f => (f.HintName, f.Text)), with.Files.Select(f => (f.HintName, f.Text)));
    }

    private static GeneratorRun Run(string source)
    {
        var references = GeneratorSnapshots.DefaultReferences(typeof(ExperimentAttribute))
            .Where(r => !string.Equals(r.Display, typeof(ExperimentGenerator).Assembly.Location, StringComparison.OrdinalIgnoreCase));
        var run = GeneratorSnapshots.Run(new ExperimentGenerator(), [source], references);
        Assert.Null(run.GeneratorException);
        return run;
    }
}
