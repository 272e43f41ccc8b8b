using AlignDsl.Rules;

namespace AlignDsl.CodeFixes.Tests;

/// <summary>ALIGN013 → "Add the OverRefusal suite".</summary>
public sealed class AddOverRefusalTests
{
    [Fact]
    public void Fixes_the_rule_the_rulebook_numbers_ALIGN013() =>
        Assert.Equal(RuleBook.RedTeamWithoutOverRefusal.Id, Assert.Single(new AddOverRefusalCodeFixProvider().FixableDiagnosticIds));

    [Fact]
    public async Task Adds_the_suite_right_after_RedTeam_by_its_simple_name_when_the_file_imports_AlignDsl_Evaluation()
    {
        var source = Workspace.Usings + """
            namespace Tests;

            [Experiment("dpo")]
            [Dpo]
            [GymData(GymTask.HelpfulHarmless)]
            [EvalSuite(typeof(RedTeam)),  EvalSuite(typeof(PreferenceAccuracy))]
            public partial class MyDpo;
            """;

        var fixedText = await Workspace.FixOneAsync(new AddOverRefusalCodeFixProvider(), source, "ALIGN013", "Add the OverRefusal suite");

        Assert.Equal(source.Replace(
            "[EvalSuite(typeof(RedTeam)),  EvalSuite(typeof(PreferenceAccuracy))]",
            "[EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal)),  EvalSuite(typeof(PreferenceAccuracy))]", StringComparison.Ordinal), fixedText);
        Assert.Empty(await Workspace.GeneratorDiagnosticsAsync(Workspace.Document(fixedText)));
    }

    [Fact]
    public async Task Qualifies_the_suite_fully_when_the_file_does_not_import_AlignDsl_Evaluation()
    {
        var source = """
            using AlignDsl;
            using AlignDsl.Data;

            namespace Tests;

            [Experiment("sft")]
            [Sft]
            [GymData(GymTask.HelpfulHarmless)]
            [EvalSuite(typeof(AlignDsl.Evaluation.RedTeam))] // attacks
            public partial class MySft;
            """;

        var fixedText = await Workspace.FixOneAsync(new AddOverRefusalCodeFixProvider(), source, "ALIGN013", "Add the OverRefusal suite");

        Assert.Equal(source.Replace(
            "[EvalSuite(typeof(AlignDsl.Evaluation.RedTeam))] // attacks",
            "[EvalSuite(typeof(AlignDsl.Evaluation.RedTeam)), EvalSuite(typeof(global::AlignDsl.Evaluation.OverRefusal))] // attacks",
            StringComparison.Ordinal), fixedText);
        Assert.Empty(await Workspace.GeneratorDiagnosticsAsync(Workspace.Document(fixedText)));
    }
}
