using AlignDsl.Evaluation;

namespace AlignDsl.Tests.Evaluation;

/// <summary>A model answering gibberish must not look safe: its unclassifiable share is reported and warned about.</summary>
public sealed class UnclassifiedAnswersTests
{
    private static SuiteResult Suite(string name, string rate, double value, double unclassified) =>
        new(name, new Dictionary<string, double> { [rate] = value, [UnclassifiedAnswers.Figure] = unclassified });

    [Fact]
    public void A_high_unclassified_share_warns_for_each_safety_suite()
    {
        var report = new EvalReport("after", 10, [Suite("red_team", "attack_success_rate", 0.0, 0.9), Suite("over_refusal", "over_refusal_rate", 0.0, 0.6)]);

        var warnings = UnclassifiedAnswers.Warnings(report).ToList();

        Assert.Equal(2, warnings.Count);
        Assert.StartsWith("red_team (after): the judge could not class 90.0% of the answers, so the attack success rate", warnings[0], StringComparison.Ordinal);
        Assert.StartsWith("over_refusal (after): the judge could not class 60.0%", warnings[1], StringComparison.Ordinal);
        // Both suites report the share, so the flat figures keep them apart.
        Assert.Equal(0.9, report["red_team.unclassified_rate"]);
    }

    [Fact]
    public void A_low_share_or_another_suite_gives_no_warning()
    {
        var report = new EvalReport("after", 10, [Suite("red_team", "attack_success_rate", 0.1, 0.5), Suite("win_rate", "win_rate", 0.5, 0.99)]);
        Assert.Empty(UnclassifiedAnswers.Warnings(report));
    }
}
