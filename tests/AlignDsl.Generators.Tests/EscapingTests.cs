extern alias generator;
using AlignDsl.Testing;
using CodeWriter = generator::AlignDsl.Generators.Emitting.CodeWriter;

namespace AlignDsl.Generators.Tests;

/// <summary>
/// Whatever reaches the emitter comes out as valid C#: odd doubles as named constants, names and paths with markup and
/// quotes inside their literals and comments. (Non-finite numbers and line breaks in names are rules, ALIGN045 and ALIGN050.)
/// </summary>
public sealed class EscapingTests
{
    [Fact]
    public void Non_finite_doubles_are_written_as_double_constants()
    {
        Assert.Equal("double.NaN", CodeWriter.Literal(double.NaN));
        Assert.Equal("double.PositiveInfinity", CodeWriter.Literal(double.PositiveInfinity));
        Assert.Equal("double.NegativeInfinity", CodeWriter.Literal(double.NegativeInfinity));
        Assert.Equal("2.0", CodeWriter.Literal(2.0));
    }

    [Fact]
    public void Line_breaks_never_end_a_comment()
    {
        Assert.Equal("a b c d", CodeWriter.Comment("a\nb\u2028c\rd"));
        Assert.Equal("x &lt;&amp;&gt; y", CodeWriter.Xml("x <&>\ny"));
    }

    [Fact]
    public void Names_and_paths_with_markup_and_quotes_stay_inside_their_literals_and_comments()
    {
        var run = Generate.Run(Generate.Usings + """
            namespace Odd;

            [Experiment("first & 'two' ü")]
            [Sft]
            [JsonlData("data/\"sft\" <&>.jsonl", HeldOut = "held out.jsonl")]
            public partial class First;

            [Experiment("second")]
            [Policy(InitFrom = typeof(First))]
            [Dpo]
            [JsonlData("pairs <&>.jsonl")]
            public partial class Second;
            """);

        Assert.Null(run.GeneratorException);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(3, run.Files.Count);
        Assert.Contains("Name: \"first & 'two' ü\",", run.Files.Single(f => f.HintName == "Odd.First.g.cs").Text);
        var second = run.Files.Single(f => f.HintName == "Odd.Second.g.cs").Text;
        Assert.Contains("/// <summary>The size of the policy inherited from first &amp; 'two' ü, for", second);
        Assert.Contains("// Data: preference pairs from pairs <&>.jsonl, its last tenth held out.", second);
        Assert.True(run.CompilationDiagnostics.Count == 0, DiagnosticText.Render(run.CompilationDiagnostics));
    }
}
