using static AlignDsl.Generators.Tests.DiagnosticAssert;
using static AlignDsl.Generators.Tests.Holes.HoleSources;
using static Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace AlignDsl.Generators.Tests.Holes;

/// <summary>
/// The user's own probe prompts (<c>[Probes]</c>): a declaration that names no file (ALIGN060), a file no suite reads
/// (ALIGN061), red teaming and over-refusal measured on different prompt sets (ALIGN062), one file named for both
/// (ALIGN063), unsafe paths (ALIGN052); and what a valid declaration generates.
/// </summary>
public sealed class ProbeRuleTests
{
    private const string Dpo = "[Dpo] [Policy(InitFrom = typeof(Good))] [GymData(GymTask.HelpfulHarmless)]";
    private const string BothSuites = "[EvalSuite(typeof(RedTeam))] [EvalSuite(typeof(OverRefusal))]";

    [Fact]
    public void Probes_that_name_no_file_are_ALIGN060()
    {
        var source = Bad($"{Dpo} {BothSuites} [Probes]");
        GoodKeptBadDropped(Reported(source, "ALIGN060", Error, ("[Probes]", "Probes")));
    }

    [Theory]
    [InlineData("Harmful = \"probes/harmful.jsonl\"", "[EvalSuite(typeof(OverRefusal))]", "\"probes/harmful.jsonl\"")]
    [InlineData("Benign = \"probes/benign.jsonl\"", "[EvalSuite(typeof(RedTeam))] [EvalSuite(typeof(OverRefusal))] [EvalSuite(typeof(WinRate))]", null)]
    [InlineData("Benign = \"probes/benign.jsonl\"", "[EvalSuite(typeof(WinRate))]", "\"probes/benign.jsonl\"")]
    public void A_probe_file_no_declared_suite_reads_is_ALIGN061(string settings, string suites, string? unread)
    {
        var source = Bad($"{Dpo} {suites} [Probes({settings})]");
        var run = Generate.Run(source);
        var ids = run.GeneratorDiagnostics.Select(d => d.Id).ToList();
        if (unread is null)
        {
            // Both suites declared and only benign probes given: the other warning, not this one.
            Assert.DoesNotContain("ALIGN061", ids);
            return;
        }
        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "ALIGN061");
        Assert.Equal(Warning, diagnostic.Severity);
        Assert.Equal(SourceSpan.Of(source, unread), diagnostic.Location.GetLineSpan().Span);
        Generated(run, "Tests", "Bad");
    }

    [Theory]
    [InlineData("Harmful = \"probes/harmful.jsonl\"", "\"probes/harmful.jsonl\"", "declare Benign too")]
    [InlineData("Benign = \"probes/benign.jsonl\"", "\"probes/benign.jsonl\"", "declare Harmful too")]
    public void Red_teaming_and_over_refusal_on_different_prompt_sets_is_ALIGN062(string settings, string target, string advice)
    {
        var source = Bad($"{Dpo} {BothSuites} [Probes({settings})]");
        var run = Reported(source, "ALIGN062", Warning, ($"[Probes({settings})]", target));
        Assert.Contains(advice, run.GeneratorDiagnostics.Single().GetMessage(), StringComparison.Ordinal);
        Generated(run, "Tests", "Bad");
    }

    [Theory]
    [InlineData("\"probes/p.jsonl\"", "\"probes/p.jsonl\"")]
    [InlineData("\"probes/p.jsonl\"", "\"./probes//P.jsonl\"")]
    public void One_file_for_harmful_and_benign_is_ALIGN063(string harmful, string benign)
    {
        var attribute = $"[Probes(Harmful = {harmful}, Benign = {benign})]";
        var source = Bad($"{Dpo} {BothSuites} {attribute}");
        GoodKeptBadDropped(Reported(source, "ALIGN063", Error, ($"Benign = {benign}", benign)));
    }

    [Theory]
    [InlineData("Harmful = \"../h.jsonl\"", "\"../h.jsonl\"")]
    [InlineData("Benign = \"/abs/b.jsonl\"", "\"/abs/b.jsonl\"")]
    [InlineData("Harmful = \"\"", "\"\"")]
    public void An_unsafe_probe_path_is_ALIGN052(string settings, string value)
    {
        var source = Bad($"{Dpo} {BothSuites} [Probes({settings})]");
        GoodKeptBadDropped(Reported(source, "ALIGN052", Error, ($"[Probes({settings})]", value)));
    }

    [Fact]
    public void Declared_probes_are_read_in_place_of_the_gym_s_and_checked_before_the_run()
    {
        var source = Bad($"{Dpo} {BothSuites} [Probes(Harmful = \"probes/harmful.jsonl\", Benign = \"probes/benign.jsonl\")]");
        var run = Generate.Run(source);
        Assert.Empty(run.GeneratorDiagnostics);
        var file = run.Files.Single(f => f.HintName == "Tests.Bad.g.cs").Text;
        Assert.Contains("probes: run.Probes(harmful: \"probes/harmful.jsonl\", benign: \"probes/benign.jsonl\")", file, StringComparison.Ordinal);
        Assert.Contains("DataFiles = [\"probes/harmful.jsonl\", \"probes/benign.jsonl\"]", file, StringComparison.Ordinal);
    }
}
