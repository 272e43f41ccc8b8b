using Microsoft.CodeAnalysis;

namespace AlignDsl.Generators.Tests;

/// <summary>
/// How diagnostics reach the compiler: in the declaration's own syntax tree (which is what lets <c>#pragma warning
/// disable</c> suppress them), and with the rule's message format and its arguments apart.
/// </summary>
public sealed class DiagnosticReportingTests
{
    private const string WideBeta = Generate.Usings + """
        namespace Tests;

        #pragma warning disable ALIGN012
        [Experiment("wide")]
        [Dpo(Beta = 5)]
        [GymData(GymTask.HelpfulHarmless)]
        [EvalSuite(typeof(PreferenceAccuracy))]
        public partial class Wide;
        #pragma warning restore ALIGN012
        """;

    [Fact]
    public void A_diagnostic_is_placed_in_the_compilation_s_own_syntax_tree()
    {
        var run = Generate.Run(WideBeta);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "ALIGN012");
        Assert.Equal(LocationKind.SourceFile, diagnostic.Location.Kind);
        Assert.Same(run.InputCompilation.SyntaxTrees.First(), diagnostic.Location.SourceTree);
        Assert.Equal("5", WideBeta.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Fact]
    public void The_descriptor_holds_the_format_and_the_diagnostic_its_arguments()
    {
        var diagnostic = Assert.Single(Generate.Run(WideBeta).GeneratorDiagnostics, d => d.Id == "ALIGN012");
        Assert.Equal(AlignDsl.Rules.RuleBook.BetaOutsideTypicalRange.MessageFormat, diagnostic.Descriptor.MessageFormat.ToString());
        Assert.StartsWith("Beta = 5 is outside the typical range", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_format_s_own_specifier_is_applied_to_its_argument()
    {
        var run = Generate.Run(Generate.Usings + """
            namespace Tests;

            [Experiment("simpo")]
            [SimPo(Beta = 3, Gamma = 4)]
            [GymData(GymTask.HelpfulHarmless)]
            [EvalSuite(typeof(PreferenceAccuracy))]
            public partial class Simpo;
            """);
        var message = Assert.Single(run.GeneratorDiagnostics, d => d.Id == RulesOf("SimPoMarginOutsideRange")).GetMessage();
        Assert.Contains("γ/β = 1.333,", message, StringComparison.Ordinal);
    }

    private static string RulesOf(string name) => ((AlignDsl.Rules.Rule)typeof(AlignDsl.Rules.RuleBook).GetProperty(name)!.GetValue(null)!).Id;
}
