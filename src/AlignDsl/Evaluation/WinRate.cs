using AlignDsl.Judging;

namespace AlignDsl.Evaluation;

/// <summary>
/// Win rate against the baseline (the reference, or the policy the run started from): one answer from each model per
/// held-out probe, both drawn from the run's seed, judged pairwise in both orders so a judge's position bias cancels.
/// <c>win_rate</c> is the mean preference for the policy's answer (with a judge that answers 1, 0 or ½, the share of
/// wins plus half the ties); <c>wins</c>, <c>ties</c> and <c>losses</c> count comparisons above, at and below ½.
/// Also per gym category.
/// </summary>
public sealed class WinRate : IEvalSuite
{
    public string Name => "win_rate";

    public async Task<SuiteResult> RunAsync(EvalContext context, CancellationToken cancellationToken)
    {
        var (policy, baseline) = (context.RequirePolicy(Name), context.RequireBaseline(Name));
        var once = context with { SamplesPerProbe = 1 };
        var policyAnswers = ProbeSampler.Answers(policy, once, category: null);
        var baselineAnswers = ProbeSampler.Answers(baseline, once, category: null);

        var preferences = new List<(SampledAnswer Answer, double Preference)>(policyAnswers.Count);
        for (var i = 0; i < policyAnswers.Count; i++)
        {
            var (mine, theirs) = (policyAnswers[i], baselineAnswers[i]);
            var comparison = new Comparison(mine.Probe.Prompt, mine.Answer, theirs.Answer);
            preferences.Add((mine, await context.Judge.CompareBothOrdersAsync(comparison, cancellationToken)));
        }
        return new SuiteResult(Name, Figures(preferences.Select(p => p.Preference).ToList()))
        {
            ByCategory = preferences.GroupBy(p => p.Answer.Probe.Category)
                .ToDictionary(g => ProbeSampler.CategoryName(g.Key), g => Figures(g.Select(p => p.Preference).ToList())),
        };
    }

    private static IReadOnlyDictionary<string, double> Figures(IReadOnlyList<double> preferences) => new Dictionary<string, double>
    {
        ["win_rate"] = preferences.Count == 0 ? double.NaN : preferences.Average(),
        ["win_rate_count"] = preferences.Count,
        ["wins"] = preferences.Count(p => p > 0.5),
        ["ties"] = preferences.Count(p => p == 0.5),
        ["losses"] = preferences.Count(p => p < 0.5),
    };
}
