using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace AlignDsl.Testing.Tests;

public sealed class DiagnosticTextTests
{
    private static readonly DiagnosticDescriptor Rule = new(
        "TEST900", "Test", "Found '{0}'", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    [Fact]
    public void A_block_has_id_severity_message_location_source_line_and_underline()
    {
        var run = GeneratorSnapshots.Run(new MarkGenerator(), Sources.FooAndBad);

        var text = DiagnosticText.Render(run.GeneratorDiagnostics);

        Assert.Equal(
            """
            TEST001 error: Class 'Bad' must not be marked
              at Source0.cs:5:15
              5 | partial class Bad { }
                |               ^^^

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void Blocks_are_ordered_by_file_then_position_then_id()
    {
        var first = Tree("class A { }", "Source0.cs");
        var second = Tree("class B { }\nclass C { }", "Source1.cs");
        var diagnostics = new[]
        {
            At(second, "class C", "TEST900"),
            At(second, "class B", "TEST902"),
            At(second, "class B", "TEST901"),
            At(first, "class A", "TEST900"),
        };

        var text = DiagnosticText.Render(diagnostics);

        var headers = text.Split('\n').Where(l => l.StartsWith("TEST", StringComparison.Ordinal) || l.StartsWith("  at ", StringComparison.Ordinal));
        Assert.Equal(
            [
                "TEST900 warning: Found 'class A'", "  at Source0.cs:1:1",
                "TEST901 warning: Found 'class B'", "  at Source1.cs:1:1",
                "TEST902 warning: Found 'class B'", "  at Source1.cs:1:1",
                "TEST900 warning: Found 'class C'", "  at Source1.cs:2:1",
            ],
            headers);
    }

    [Fact]
    public void Tabs_are_kept_in_the_underline_and_an_empty_span_gets_one_caret()
    {
        var tree = Tree("\tclass A { }", "Source0.cs");
        var diagnostic = Diagnostic.Create(Rule, Location.Create(tree, new TextSpan(7, 0)), "A");

        Assert.EndsWith("  1 | \tclass A { }\n    | \t      ^\n", DiagnosticText.Render([diagnostic]));
    }

    [Fact]
    public void Diagnostics_without_location_and_none_at_all_render()
    {
        Assert.Equal("TEST900 warning: Found 'x'\n  at (no location)\n", DiagnosticText.Render([Diagnostic.Create(Rule, Location.None, "x")]));
        Assert.Equal("", DiagnosticText.Render([]));
    }

    /// <summary>A generator that keeps locations as values reports them with a path and no tree; the trees given supply the line.</summary>
    [Fact]
    public void A_location_without_tree_takes_its_source_line_from_the_tree_with_its_path()
    {
        var tree = Tree("class A { }\nclass B { }", "Experiments/B.cs");
        var span = new TextSpan(18, 1);
        var diagnostic = Diagnostic.Create(Rule, Location.Create("Experiments/B.cs", span, tree.GetLineSpan(span).Span), "B");

        Assert.Equal("TEST900 warning: Found 'B'\n  at Experiments/B.cs:2:7\n", DiagnosticText.Render([diagnostic]));
        Assert.Equal(
            "TEST900 warning: Found 'B'\n  at Experiments/B.cs:2:7\n  2 | class B { }\n    |       ^\n",
            DiagnosticText.Render([diagnostic], [Tree("class Other { }", "Other.cs"), tree]));
    }

    private static SyntaxTree Tree(string text, string path) => CSharpSyntaxTree.ParseText(text, path: path);

    private static Diagnostic At(SyntaxTree tree, string snippet, string id)
    {
        var start = tree.GetText().ToString().IndexOf(snippet, StringComparison.Ordinal);
        var rule = new DiagnosticDescriptor(id, "Test", "Found '{0}'", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);
        return Diagnostic.Create(rule, Location.Create(tree, new TextSpan(start, snippet.Length)), snippet);
    }
}
