extern alias generator;
using AlignDsl.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static AlignDsl.Generators.Tests.DiagnosticAssert;
using static AlignDsl.Generators.Tests.Holes.HoleSources;
using static Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace AlignDsl.Generators.Tests.Holes;

/// <summary>
/// Experiment names that are not one safe folder name (ALIGN050) or differ only by case (ALIGN051); JSONL paths that are
/// empty, absolute or escaping (ALIGN052), a held-out file equal to the training file (ALIGN053), and declared files
/// missing from the project's JSONL AdditionalFiles (ALIGN054).
/// </summary>
public sealed class NameAndPathRuleTests
{
    [Theory]
    [InlineData("\"../../x\"")]
    [InlineData("\"runs/x\"")]
    [InlineData("\"a\\\\b\"")]
    [InlineData("\"two\\nlines\"")]
    [InlineData("\"nul\\0\"")]
    [InlineData("\"   \"")]
    [InlineData("\"\"")]
    [InlineData("\"..\"")]
    [InlineData("\"what?\"")]
    [InlineData("\"CON\"")]
    [InlineData("\" padded \"")]
    public void A_name_that_is_not_one_safe_folder_name_is_ALIGN050(string name)
    {
        var source = Bad("[Sft] [GymData(GymTask.HelpfulHarmless)]", name: name);
        GoodKeptBadDropped(Reported(source, "ALIGN050", Error, ($"[Experiment({name})]", name)));
    }

    [Theory]
    [InlineData("gym-dpo")]
    [InlineData("Gym_DPO.v2")]
    [InlineData("my experiment")]
    public void Ordinary_names_pass(string name)
    {
        var run = Generate.Run(Bad("[Sft] [GymData(GymTask.HelpfulHarmless)]", name: $"\"{name}\""));
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void Names_that_differ_only_by_case_are_ALIGN051_on_both()
    {
        var source = Source("""
            [Experiment("GOOD")] [Sft] [GymData(GymTask.HelpfulHarmless)]
            public partial class Bad;
            """);
        var run = Reported(source, "ALIGN051", Error, ("public partial class Good;", "Good"), ("public partial class Bad;", "Bad"));
        NotGenerated(run, "Tests", "Good");
        NotGenerated(run, "Tests", "Bad");
    }

    [Theory]
    [InlineData("[JsonlData(\"\")]", "\"\"")]
    [InlineData("[JsonlData(\"  \")]", "\"  \"")]
    [InlineData("[JsonlData(null)]", "null")]
    [InlineData("[JsonlData(\"/data/pairs.jsonl\")]", "\"/data/pairs.jsonl\"")]
    [InlineData("[JsonlData(\"C:\\\\data\\\\pairs.jsonl\")]", "\"C:\\\\data\\\\pairs.jsonl\"")]
    [InlineData("[JsonlData(\"../outside.jsonl\")]", "\"../outside.jsonl\"")]
    [InlineData("[JsonlData(\"data/../../outside.jsonl\")]", "\"data/../../outside.jsonl\"")]
    [InlineData("[JsonlData(\"p.jsonl\", HeldOut = \"../h.jsonl\")]", "\"../h.jsonl\"")]
    [InlineData("[JsonlData(\"p.jsonl\", HeldOut = \"\")]", "\"\"")]
    public void An_empty_absolute_or_escaping_path_is_ALIGN052(string attribute, string value)
    {
        var source = Bad($"[Dpo] [Policy(InitFrom = typeof(Good))] {attribute}");
        GoodKeptBadDropped(Reported(source, "ALIGN052", Error, (attribute, value)));
    }

    [Theory]
    [InlineData("\"data/pairs.jsonl\"", "\"data/pairs.jsonl\"")]
    [InlineData("\"data/pairs.jsonl\"", "\"./data//pairs.jsonl\"")]
    [InlineData("\"data/pairs.jsonl\"", "\"data\\\\sub\\\\..\\\\pairs.jsonl\"")]
    public void A_held_out_file_equal_to_the_training_file_is_ALIGN053(string path, string heldOut)
    {
        var attribute = $"[JsonlData({path}, HeldOut = {heldOut})]";
        var source = Bad($"[Dpo] [Policy(InitFrom = typeof(Good))] {attribute}");
        GoodKeptBadDropped(Reported(source, "ALIGN053", Error, ($"HeldOut = {heldOut}", heldOut)));
    }

    [Fact]
    public void With_JSONL_AdditionalFiles_a_declared_file_missing_from_them_is_ALIGN054()
    {
        var source = Bad("[Dpo] [Policy(InitFrom = typeof(Good))] [JsonlData(\"data/pairs.jsonl\", HeldOut = \"data/missing.jsonl\")]");
        var run = RunWithAdditionalFiles(source, "/project/data/pairs.jsonl", "/project/data/other.jsonl", "/project/notes.txt");

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("ALIGN054", diagnostic.Id);
        Assert.Equal(SourceSpan.Of(source, "\"data/missing.jsonl\""), diagnostic.Location.GetLineSpan().Span);
        Assert.Contains("2 JSONL AdditionalFiles", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(run.GeneratedSources, s => s.HintName == "Tests.Bad.g.cs");
    }

    [Fact]
    public void Without_JSONL_AdditionalFiles_paths_are_not_looked_up_and_present_ones_pass()
    {
        var source = Bad("[Dpo] [Policy(InitFrom = typeof(Good))] [JsonlData(\"data/pairs.jsonl\")]");
        Assert.Empty(RunWithAdditionalFiles(source).Diagnostics);
        Assert.Empty(RunWithAdditionalFiles(source, "/project/data/pairs.jsonl").Diagnostics);
        Assert.Single(RunWithAdditionalFiles(source, "/project/other/pairs2.jsonl").Diagnostics);
    }

    private static GeneratorRunResult RunWithAdditionalFiles(string source, params string[] paths)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        var compilation = CSharpCompilation.Create("Files", [CSharpSyntaxTree.ParseText(source, parse, path: "Source0.cs")], Generate.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var generator = new generator::AlignDsl.Generators.ExperimentGenerator().AsSourceGenerator();
        var driver = CSharpGeneratorDriver.Create([generator], paths.Select(p => (AdditionalText)new InMemoryText(p)), parse);
        return driver.RunGenerators(compilation).GetRunResult().Results.Single();
    }

    private sealed class InMemoryText(string path) : AdditionalText
    {
        public override string Path => path;
        public override Microsoft.CodeAnalysis.Text.SourceText GetText(CancellationToken cancellationToken = default) =>
            Microsoft.CodeAnalysis.Text.SourceText.From("{}");
    }
}
