using AlignDsl.Testing;

namespace AlignDsl.Generators.Tests;

/// <summary>Whatever a declaration may legally hold comes out as valid C#: odd doubles, names and paths with line breaks.</summary>
public sealed class EscapingTests
{
    [Fact]
    public void Non_finite_doubles_become_double_constants()
    {
        var run = Generate.Run(Generate.Usings + """
            namespace Odd;

            [Experiment("unclipped")]
            [Sft]
            [GymData(GymTask.HelpfulHarmless)]
            [Training(MaxGradNorm = double.PositiveInfinity, WeightDecay = double.NaN)]
            public partial class Unclipped;
            """);

        var file = Assert.Single(run.Files, f => f.HintName == "Odd.Unclipped.g.cs").Text;
        Assert.Contains("private const double MaxGradNorm = double.PositiveInfinity;", file);
        Assert.Contains("private const double WeightDecay = double.NaN;", file);
        Assert.True(run.CompilationDiagnostics.Count == 0, DiagnosticText.Render(run.CompilationDiagnostics));
    }

    [Fact]
    public void Names_and_paths_with_line_breaks_stay_inside_their_literals_and_comments()
    {
        var run = Generate.Run(Generate.Usings + """
            namespace Odd;

            [Experiment("first\nline <&> \"two\"\u2028")]
            [Sft]
            [JsonlData("data\nsft.jsonl", HeldOut = "held\r\nout.jsonl")]
            public partial class First;

            [Experiment("second")]
            [Policy(InitFrom = typeof(First))]
            [Dpo]
            [JsonlData("pairs\n.jsonl")]
            public partial class Second;
            """);

        Assert.Null(run.GeneratorException);
        Assert.Equal(3, run.Files.Count);
        Assert.Contains("Name: \"first\\nline <&> \\\"two\\\"\\u2028\",", run.Files.Single(f => f.HintName == "Odd.First.g.cs").Text);
        var second = run.Files.Single(f => f.HintName == "Odd.Second.g.cs").Text;
        Assert.Contains("/// <summary>The size of the policy inherited from first line &lt;&amp;&gt; \"two\" , for", second);
        Assert.Contains("// Data: preference pairs from pairs .jsonl, its last tenth held out.", second);
        Assert.True(run.CompilationDiagnostics.Count == 0, DiagnosticText.Render(run.CompilationDiagnostics));
    }
}
