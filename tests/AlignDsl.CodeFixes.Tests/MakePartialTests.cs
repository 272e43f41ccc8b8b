using AlignDsl.Rules;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AlignDsl.CodeFixes.Tests;

/// <summary>ALIGN001 → "Make 'X' partial".</summary>
public sealed class MakePartialTests
{
    private const string Header = Workspace.Usings + """
        namespace Tests;


        """;

    [Fact]
    public void Fixes_the_rule_the_rulebook_numbers_ALIGN001() =>
        Assert.Equal(RuleBook.ClassNotPartial.Id, Assert.Single(new MakePartialCodeFixProvider().FixableDiagnosticIds));

    [Fact]
    public async Task Adds_partial_after_the_other_modifiers()
    {
        var source = Header + """
            /// <summary>Supervised fine-tuning.</summary>
            [Experiment("sft")]
            [Sft]
            [GymData(GymTask.HelpfulHarmless)]
            public sealed class MySft;
            """;

        var fixedText = await Workspace.FixOneAsync(new MakePartialCodeFixProvider(), source, "ALIGN001", "Make 'MySft' partial");

        Assert.Equal(source.Replace("public sealed class MySft;", "public sealed partial class MySft;", StringComparison.Ordinal), fixedText);
        Assert.Empty(await Workspace.GeneratorDiagnosticsAsync(Workspace.Document(fixedText)));
    }

    [Theory]
    [InlineData(FixAllScope.Document)]
    [InlineData(FixAllScope.Project)]
    public async Task Fix_all_makes_every_class_partial(FixAllScope scope)
    {
        var source = Header + """
            [Experiment("a")] [Sft] [GymData(GymTask.HelpfulHarmless)]
            public class SftA;

            [Experiment("b")] [Sft] [GymData(GymTask.HelpfulHarmless)]
            class SftB { }
            """;
        Assert.Equal(2, (await Workspace.GeneratorDiagnosticsAsync(Workspace.Document(source))).Count(d => d.Id == "ALIGN001"));

        var fixedText = await Workspace.FixAllAsync(new MakePartialCodeFixProvider(), source, "ALIGN001", MakePartialCodeFixProvider.EquivalenceKey, scope);

        Assert.Equal(Header + """
            [Experiment("a")] [Sft] [GymData(GymTask.HelpfulHarmless)]
            public partial class SftA;

            [Experiment("b")] [Sft] [GymData(GymTask.HelpfulHarmless)]
            partial class SftB { }
            """, fixedText);
        Assert.DoesNotContain(await Workspace.GeneratorDiagnosticsAsync(Workspace.Document(fixedText)), d => d.Id == "ALIGN001");
    }
}
