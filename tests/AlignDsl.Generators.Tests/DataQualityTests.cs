using AlignDsl.Testing;
using Microsoft.CodeAnalysis;
using static AlignDsl.Generators.Tests.DiagnosticAssert;
using static Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace AlignDsl.Generators.Tests;

/// <summary>
/// k-wise rankings and annotated pairs: read as pairs by every pair objective (split by KTO, refused by SFT), through
/// the ranking expansion or the run's agreement-measuring reader, and the reward model's weighted loss when asked for.
/// </summary>
public sealed class DataQualityTests
{
    private static string Declaration(string objective, string shape, string heldOut = "") => Generate.Usings + $$"""
        namespace Tests;

        [Experiment("quality")]
        [{{objective}}]
        [JsonlData("data/q.jsonl"{{heldOut}}, Shape = JsonlShape.{{shape}})]
        public partial class Quality;
        """;

    private static string GeneratedFile(GeneratorRun run) => run.Files.Single(f => f.HintName == "Tests.Quality.g.cs").Text;

    [Theory]
    [InlineData("RewardModel"), InlineData("Dpo"), InlineData("Ipo"), InlineData("SimPo"), InlineData("Orpo")]
    public void Rankings_feed_every_pair_objective_expanded_by_ranking(string objective)
    {
        var run = Generate.Run(Declaration(objective, "Rankings"));
        AssertShapeAccepted(run);
        var text = GeneratedFile(run);
        Assert.Contains("var pairs = run.Tally(@\"data/q.jsonl\", null, global::AlignDsl.Data.JsonlReader.ReadRankingSplit(@\"data/q.jsonl\", null));", text);
        Assert.Contains("// Data: preference pairs expanded from k-wise rankings (C(k,2) per ranking, each weighted 1/C(k,2)) from data/q.jsonl, its last tenth held out.", text);
        AssertCompiles(run);
    }

    [Theory]
    [InlineData("RewardModel"), InlineData("Dpo"), InlineData("SimPo")]
    public void Annotated_pairs_are_read_by_the_run_which_measures_their_agreement(string objective)
    {
        var run = Generate.Run(Declaration(objective, "Annotated", ", HeldOut = \"data/h.jsonl\""));
        AssertShapeAccepted(run);
        var text = GeneratedFile(run);
        Assert.Contains("var pairs = run.Tally(@\"data/q.jsonl\", @\"data/h.jsonl\", run.ReadAnnotatedPairs(@\"data/q.jsonl\", @\"data/h.jsonl\"));", text);
        Assert.DoesNotContain("JsonlReader.ReadSplit", text);
        AssertCompiles(run);
    }

    [Fact]
    public void Ranking_weights_reach_the_reward_model_loss_only_when_asked_for()
    {
        var weighted = Generate.Run(Declaration("RewardModel(RankingWeights = true)", "Rankings"));
        AssertShapeAccepted(weighted);
        Assert.Contains("BradleyTerry(chosenRewards, rejectedRewards, Margin, CenterRewards, batch.Weights);", GeneratedFile(weighted));
        Assert.Contains("Σ w·(−log σ(r(chosen) − r(rejected) − margin)) / Σ w", GeneratedFile(weighted));
        AssertCompiles(weighted);

        var plain = Generate.Run(Declaration("RewardModel", "Rankings"));
        Assert.Contains("BradleyTerry(chosenRewards, rejectedRewards, Margin, CenterRewards);", GeneratedFile(plain));
        Assert.DoesNotContain("batch.Weights", GeneratedFile(plain));
    }

    [Fact]
    public void Kto_on_rankings_is_a_shape_mismatch()
    {
        // A middle-ranked answer is chosen in some pairs and rejected in others: split, it would be both desirable and not.
        var run = Reported(Declaration("Kto", "Rankings"), "ALIGN025", Error, ("Shape = JsonlShape.Rankings", "JsonlShape.Rankings"));
        NotGenerated(run, "Tests", "Quality");
    }

    [Theory]
    [InlineData("Annotated", "run.Tally(@\"data/q.jsonl\", null, run.ReadAnnotatedPairs(@\"data/q.jsonl\", null))")]
    public void Kto_splits_annotated_pairs_like_pairs(string shape, string reader)
    {
        var source = Declaration("Kto", shape);
        var run = Reported(source, "ALIGN026", Info, ($"Shape = JsonlShape.{shape}", $"JsonlShape.{shape}"));
        Generated(run, "Tests", "Quality");
        Assert.Contains($"var feedback = global::AlignDsl.Data.Feedback.FromPairs({reader});", GeneratedFile(run));
        AssertCompiles(run);
    }

    [Theory]
    [InlineData("Rankings", "k-wise rankings {prompt, responses, ranking}")]
    [InlineData("Annotated", "annotated pairs {prompt, a, b, labels}")]
    public void Sft_refuses_rankings_and_annotated_pairs_naming_the_shape(string shape, string described)
    {
        var source = Declaration("Sft", shape);
        var run = Reported(source, "ALIGN025", Error, ($"Shape = JsonlShape.{shape}", $"JsonlShape.{shape}"));
        NotGenerated(run, "Tests", "Quality");
        Assert.Contains($"but its JSONL data is declared as {described}", run.GeneratorDiagnostics.Single().GetMessage());
    }

    /// <summary>No shape diagnostic and no error (other rules, such as a reward model's missing bias check, may warn).</summary>
    private static void AssertShapeAccepted(GeneratorRun run)
    {
        Assert.Null(run.GeneratorException);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id is "ALIGN025" or "ALIGN026" || d.Severity == Error);
        Generated(run, "Tests", "Quality");
    }

    private static void AssertCompiles(GeneratorRun run)
    {
        Assert.Null(run.GeneratorException);
        var problems = run.OutputCompilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, DiagnosticText.Render(problems));
    }
}
