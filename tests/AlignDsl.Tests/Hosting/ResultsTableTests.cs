using AlignDsl.Evaluation;
using AlignDsl.Hosting;

namespace AlignDsl.Tests.Hosting;

/// <summary>The before/after table marks each change better or worse by the figure's own direction, also under a suite's prefix.</summary>
public sealed class ResultsTableTests
{
    private static EvalReport Point(string label, double asr, double unclassified, double overRefusal) => new(label, 0,
    [
        new SuiteResult("red_team", new Dictionary<string, double> { ["attack_success_rate"] = asr, ["unclassified_rate"] = unclassified }),
        new SuiteResult("over_refusal", new Dictionary<string, double> { ["over_refusal_rate"] = overRefusal, ["unclassified_rate"] = unclassified }),
    ]);

    [Fact]
    public void More_unclassifiable_answers_are_worse_even_when_attack_success_falls()
    {
        var result = new RunResult("x", ObjectiveKind.Dpo, "runs/x", 1, 1, 1, Point("before", 0.3, 0.0, 0.2), Point("after", 0.0, 1.0, 0.1), [],
            new Dictionary<string, double>());

        var lines = ResultsTable.Render(result).Split('\n');

        Assert.EndsWith("better", lines.Single(l => l.Contains("attack_success_rate", StringComparison.Ordinal)).TrimEnd());
        Assert.EndsWith("better", lines.Single(l => l.Contains("over_refusal_rate", StringComparison.Ordinal)).TrimEnd());
        Assert.All(lines.Where(l => l.Contains("unclassified_rate", StringComparison.Ordinal)), l => Assert.EndsWith("worse", l.TrimEnd()));
    }
}
