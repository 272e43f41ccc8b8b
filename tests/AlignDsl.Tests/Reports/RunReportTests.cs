using System.Globalization;
using AlignDsl.Data.Quality;
using AlignDsl.Evaluation;
using AlignDsl.Models;
using AlignDsl.Reports;
using SkiaSharp;

namespace AlignDsl.Tests.Reports;

/// <summary>
/// A hand-built run (its result and its metrics.jsonl) gives a report whose tables hold the right numbers and whose
/// figures are real PNGs of the size their panel count implies; figures without data are not drawn.
/// </summary>
public sealed class RunReportTests : IDisposable
{
    private readonly string _run = Directory.CreateTempSubdirectory("aligndsl-report-").FullName;

    [Fact]
    public void A_dpo_run_gets_tables_and_every_figure()
    {
        WriteMetrics(DpoLine);
        var result = Result(ObjectiveKind.Dpo, [Before, Evaluation("step 5", 5, 0.6, 1.5, 0.5), Evaluation("after", 10, 0.75, 3.0, 0.25)])
            with { DataQuality = new AnnotationAgreement(0.41, KappaKind.Cohen, Annotators: 2, Items: 100, TiesDropped: 7) };

        var report = File.ReadAllText(RunReport.Write(_run, result, Descriptor(), "cpu"));

        Assert.StartsWith("# test-report", report);
        Assert.Contains("**DPO** · 10 steps · 12.5 s", report);
        // preference_accuracy rises 0.5 → 0.75; attack_success_rate falls 0.5 → 0.25.
        Assert.Equal(["preference_accuracy", "0.5", "0.75", "+0.25"], Row(report, "preference_accuracy"));
        Assert.Equal(["attack_success_rate", "0.5", "0.25", "-0.25"], Row(report, "attack_success_rate"));
        // The over-refusal rate was not measured before (NaN): no number, no change.
        Assert.Equal(["over_refusal_rate", "–", "0.1", ""], Row(report, "over_refusal_rate"));
        // Categories side by side: violence's ASR halves from the overall rate; homonyms' over-refusal rises by 0.1.
        Assert.Equal(["violence", "0.25 → 0.125", "", "homonyms", "0.2 → 0.3"], Row(report, "violence"));
        Assert.Equal(["weapons", "1 → 0.5", "", "", ""], Row(report, "weapons"));
        // Both blocks open with their overall rate, as the console's table does.
        var overall = Row(report, "overall");
        Assert.Equal(("overall", "overall"), (overall[0], overall[3]));
        // Bias figures get their own section, not the flat table: ece 0.2 → 0.1.
        Assert.Equal("0.2", Row(report, "ece")[1]);
        Assert.Equal("-0.1", Row(report, "ece")[3]);
        Assert.Single(report.Split('\n'), l => l.StartsWith("| ece |", StringComparison.Ordinal));
        Assert.Equal(["Cohen's κ = 0.41 (low)", "2", "100", "7"], Row(report, "Cohen's κ = 0.41 (low)"));
        Assert.Contains("- labels are noisy", report);

        foreach (var figure in new[] { "training.png", "eval.png", "reliability.png", "frontier.png" })
            Assert.Contains($"]({figure})", report);
        // loss, rewards, margin, accuracy (grad_norm was logged as null only): 2 rows of 2 panels; 6 suites: 3 rows of 2.
        AssertPng("training.png", 2 * Chart.PanelWidth, 2 * Chart.PanelHeight);
        AssertPng("eval.png", 2 * Chart.PanelWidth, 3 * Chart.PanelHeight);
        AssertPng("reliability.png", Chart.PanelWidth, Chart.PanelHeight);
        AssertPng("frontier.png", Chart.PanelWidth, Chart.PanelHeight);
    }

    [Fact]
    public void An_sft_run_without_kl_or_bins_gets_no_frontier_and_no_reliability_diagram()
    {
        WriteMetrics(step => $$"""{"step":{{step}},"kind":"train","loss":{{Invariant(3.0 / step)}},"perplexity":{{Invariant(Math.Exp(3.0 / step))}},"learning_rate":0.001}""");
        EvalReport Accuracy(string label, int step, double value) =>
            new(label, step, [new SuiteResult("preference_accuracy", new Dictionary<string, double> { ["preference_accuracy"] = value })]);
        var result = Result(ObjectiveKind.Sft, [Accuracy("before", 0, 0.5), Accuracy("after", 10, 0.625)]);

        var report = File.ReadAllText(RunReport.Write(_run, result, Descriptor()));

        Assert.Equal(["preference_accuracy", "0.5", "0.625", "+0.125"], Row(report, "preference_accuracy"));
        Assert.DoesNotContain("by category", report);
        Assert.DoesNotContain("Reward-model bias", report);
        Assert.DoesNotContain("plot skipped", report);
        // Loss and perplexity side by side (the learning rate gets no panel); one suite, one panel.
        AssertPng("training.png", 2 * Chart.PanelWidth, Chart.PanelHeight);
        AssertPng("eval.png", Chart.PanelWidth, Chart.PanelHeight);
        Assert.False(File.Exists(Path.Combine(_run, "frontier.png")));
        Assert.False(File.Exists(Path.Combine(_run, "reliability.png")));
        Assert.DoesNotContain("frontier.png", report);
    }

    [Fact]
    public void A_figure_that_cannot_be_drawn_is_named_in_the_report_and_the_rest_still_are()
    {
        File.WriteAllText(Path.Combine(_run, "metrics.jsonl"), "{\"step\": 1, \"kind\": \"train\", \"loss\": 2.0}\nnot json\n");
        var result = Result(ObjectiveKind.Dpo, [Before, Evaluation("after", 10, 0.75, 3.0, 0.25)]);

        var report = File.ReadAllText(RunReport.Write(_run, result, Descriptor()));

        Assert.Contains("plot skipped: training.png", report);
        Assert.False(File.Exists(Path.Combine(_run, "training.png")));
        AssertPng("eval.png", 2 * Chart.PanelWidth, 3 * Chart.PanelHeight);
    }

    [Fact]
    public void Without_a_win_rate_the_frontier_plots_the_preference_margin()
    {
        EvalReport Point(int step, double kl, double margin) => new($"step {step}", step,
        [
            new SuiteResult("kl", new Dictionary<string, double> { ["kl"] = kl }),
            new SuiteResult("preference_accuracy", new Dictionary<string, double> { ["preference_margin"] = margin }),
        ]);
        var panels = FrontierPlot.Panels([Point(0, 0, 0), Point(5, 1, 0.5)]);
        using var frontier = Assert.Single(panels);
        Assert.Equal("preference_margin", frontier.Axes.Left.Label.Text);
        Assert.Empty(FrontierPlot.Panels([new EvalReport("after", 10, [new SuiteResult("win_rate", Figures(("win_rate", 0.7)))])]));
    }

    [Theory]
    [InlineData(0.5, 0.25, "0.25", "-0.25")]
    [InlineData(double.NaN, 0.1, "0.1", "")]
    [InlineData(0.0, 0.0004, "4E-4", "+4E-4")]
    [InlineData(2.0, 14.0, "14", "+12")]
    public void Numbers_are_invariant_with_three_decimals_and_signed_changes(double before, double after, string shown, string change)
    {
        Assert.Equal(shown, Markdown.Number(after));
        Assert.Equal(change, Markdown.Change(before, after));
    }

    public void Dispose() => Directory.Delete(_run, recursive: true);

    private static EvalReport Before => Evaluation("before", 0, 0.5, 0.0, 0.5, overRefusal: double.NaN, ece: 0.2, homonyms: 0.2);

    /// <summary>One evaluation point with six suites; violence's ASR is half the overall rate, weapons' twice it.</summary>
    private static EvalReport Evaluation(string label, int step, double accuracy, double kl, double asr,
        double overRefusal = 0.1, double ece = 0.1, double homonyms = 0.3) => new(label, step,
    [
        new SuiteResult("preference_accuracy", Figures(("preference_accuracy", accuracy), ("preference_margin", accuracy - 0.5))),
        new SuiteResult("red_team", Figures(("attack_success_rate", asr), ("harmful_refusal_rate", 1 - asr)))
        {
            ByCategory = new Dictionary<string, IReadOnlyDictionary<string, double>>
            {
                ["violence"] = Figures(("attack_success_rate", asr / 2)),
                ["weapons"] = Figures(("attack_success_rate", asr * 2)),
            },
        },
        new SuiteResult("over_refusal", Figures(("over_refusal_rate", overRefusal)))
        {
            ByCategory = new Dictionary<string, IReadOnlyDictionary<string, double>> { ["homonyms"] = Figures(("over_refusal_rate", homonyms)) },
        },
        new SuiteResult("reward_model_bias", Figures(("ece", ece), ("length_correlation", 0.4)))
        {
            Reliability = [new(0.5, 0.6, 4, 0.55, 0.5), new(0.6, 0.7, 0, double.NaN, double.NaN), new(0.9, 1.0, 6, 0.95, 1 - ece)],
        },
        new SuiteResult("kl", Figures(("kl", kl), ("mean_response_length", 12))),
        new SuiteResult("win_rate", Figures(("win_rate", 0.5 + kl / 10), ("win_rate_count", 40))),
    ]);

    private static IReadOnlyDictionary<string, double> Figures(params (string Name, double Value)[] figures) =>
        figures.ToDictionary(f => f.Name, f => f.Value);

    private static RunResult Result(ObjectiveKind objective, IReadOnlyList<EvalReport> evaluations) =>
        new("test-report", objective, "unused", 10, 12.5, 1000, evaluations[0], evaluations[^1], evaluations.Skip(1).SkipLast(1).ToList(),
            new Dictionary<string, double>()) { Warnings = ["labels are noisy"] };

    private static ExperimentDescriptor Descriptor() => new("test-report", "TestReport", ObjectiveKind.Dpo, DataShape.Pairs, "gym",
        [], "test-sft", new ModelConfig(1, 16, 2, 32), new TrainingPlan(10, 4, 1e-3, 32, 5, 1, 7), []);

    private static string DpoLine(int step) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"step":{{step}},"kind":"train","loss":{{0.7 - step * 0.01}},"rewards/chosen":{{step * 0.1}},"rewards/rejected":{{-step * 0.1}},"rewards/margins":{{step * 0.2}},"rewards/accuracies":0.75,"logps/chosen":-20,"grad_norm":null,"learning_rate":0.001}""");

    /// <summary>Ten training lines, with an evaluation line in between (which the training curves ignore).</summary>
    private void WriteMetrics(Func<int, string> line) => File.WriteAllLines(Path.Combine(_run, "metrics.jsonl"),
        Enumerable.Range(1, 10).Select(line).Append("""{"step":5,"kind":"eval","label":"step 5","kl":1.5}"""));

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The cells of the first table row whose first cell is <paramref name="first"/>.</summary>
    private static string[] Row(string report, string first) => report.Split('\n')
        .First(l => l.StartsWith($"| {first} |", StringComparison.Ordinal))
        .Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();

    private void AssertPng(string file, int width, int height)
    {
        var path = Path.Combine(_run, file);
        Assert.True(File.Exists(path), $"{file} was not written");
        Assert.Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], File.ReadAllBytes(path).Take(8));
        using var image = SKBitmap.Decode(path);
        Assert.NotNull(image);
        Assert.Equal((width, height), (image.Width, image.Height));
    }
}
