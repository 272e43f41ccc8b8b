using AlignDsl.Rules;

namespace AlignDsl.CodeFixes.Tests;

/// <summary>ALIGN023 → "Remove the needless reference".</summary>
public sealed class RemoveReferenceTests
{
    private static string Source(string attributes) => Workspace.Usings + $$"""
        namespace Tests;

        /// <summary>A reference-free objective.</summary>
        {{attributes}}
        public partial class Free;
        """;

    [Fact]
    public void Fixes_the_rule_the_rulebook_numbers_ALIGN023() =>
        Assert.Equal(RuleBook.ReferenceForReferenceFreeObjective.Id, Assert.Single(new RemoveReferenceCodeFixProvider().FixableDiagnosticIds));

    [Theory]
    [InlineData( // a list alone on its line: the line goes
        "[Experiment(\"simpo\")]\n[SimPo]\n[Reference]\n[GymData(GymTask.HelpfulHarmless)]",
        "[Experiment(\"simpo\")]\n[SimPo]\n[GymData(GymTask.HelpfulHarmless)]")]
    [InlineData( // the first list, under the doc comment, which stays
        "[Reference]\n[Experiment(\"simpo\")]\n[SimPo]\n[GymData(GymTask.HelpfulHarmless)]",
        "[Experiment(\"simpo\")]\n[SimPo]\n[GymData(GymTask.HelpfulHarmless)]")]
    [InlineData( // between lists on one line: one space stays between its neighbours
        "[Experiment(\"orpo\")] [Orpo] [Reference] [GymData(GymTask.HelpfulHarmless)]",
        "[Experiment(\"orpo\")] [Orpo] [GymData(GymTask.HelpfulHarmless)]")]
    [InlineData( // last on a line: the blanks before it go, the line break stays
        "[Experiment(\"orpo\")] [Orpo] [Reference]\n[GymData(GymTask.HelpfulHarmless)]",
        "[Experiment(\"orpo\")] [Orpo]\n[GymData(GymTask.HelpfulHarmless)]")]
    [InlineData( // after another attribute of its list: with the comma before it
        "[Experiment(\"orpo\")]\n[Orpo(Lambda = 0.2), Reference]\n[GymData(GymTask.HelpfulHarmless)]",
        "[Experiment(\"orpo\")]\n[Orpo(Lambda = 0.2)]\n[GymData(GymTask.HelpfulHarmless)]")]
    [InlineData( // first of its list: with the comma and space after it
        "[Experiment(\"simpo\")]\n[Reference, SimPo, GymData(GymTask.HelpfulHarmless)]",
        "[Experiment(\"simpo\")]\n[SimPo, GymData(GymTask.HelpfulHarmless)]")]
    public async Task Deletes_the_attribute_and_keeps_the_layout_around_it(string before, string after)
    {
        var fixedText = await Workspace.FixOneAsync(new RemoveReferenceCodeFixProvider(), Source(before), "ALIGN023", "Remove the needless reference");

        Assert.Equal(Source(after), fixedText);
        Assert.Empty(await Workspace.GeneratorDiagnosticsAsync(Workspace.Document(fixedText)));
    }
}
