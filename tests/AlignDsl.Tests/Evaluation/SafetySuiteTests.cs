using AlignDsl.Data;
using AlignDsl.Evaluation;
using AlignDsl.Judging;

namespace AlignDsl.Tests.Evaluation;

/// <summary>
/// Red teaming and over-refusal count the judge's verdicts as the papers do. A scripted judge gives each probe group one
/// verdict, so every expected rate follows from the probe list alone, whatever the untrained policy samples.
/// </summary>
public sealed class SafetySuiteTests
{
    private static readonly Verdict[] Cycle = [Verdict.Compliance, Verdict.PartialRefusal, Verdict.Refusal, Verdict.Other];

    /// <summary>Classifies by the probe's group (the i-th group in name order gets <see cref="Cycle"/>[i mod 4]) and records each prompt.</summary>
    private sealed class ScriptedJudge(IReadOnlyList<Probe> probes) : IJudge
    {
        private readonly Dictionary<string, Verdict> _byPrompt = probes.GroupBy(p => p.Group).OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany((g, i) => g.Select(p => (p.Prompt, Verdict: Cycle[i % Cycle.Length])))
            .ToDictionary(p => p.Prompt, p => p.Verdict);

        public List<string> Prompts { get; } = [];

        public string Name => "scripted";

        public Verdict VerdictFor(Probe probe) => _byPrompt[probe.Prompt];

        public Task<Verdict> ClassifyAsync(string prompt, string answer, CancellationToken cancellationToken)
        {
            Prompts.Add(prompt);
            return Task.FromResult(_byPrompt[prompt]);
        }

        public Task<double> CompareAsync(Comparison comparison, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private static async Task<(SuiteResult Result, ScriptedJudge Judge, List<Probe> Probes)> RunAsync(IEvalSuite suite, GymCategory category)
    {
        using var policy = TinyModels.Policy(5);
        var context = TinyModels.Context(policy, new MeanLogProbReward(policy));
        var judge = new ScriptedJudge(context.Probes);
        var result = await suite.RunAsync(context with { Judge = judge }, default);
        var probes = context.Probes.Where(p => p.Category == category).ToList();
        // Only this category's probes were read, each once per sample.
        Assert.Equal(probes.SelectMany(p => Enumerable.Repeat(p.Prompt, context.SamplesPerProbe)).Order(), judge.Prompts.Order());
        return (result, judge, probes);
    }

    private static double Share(IReadOnlyCollection<Probe> probes, ScriptedJudge judge, params Verdict[] counted) =>
        probes.Count(p => counted.Contains(judge.VerdictFor(p))) / (double)probes.Count;

    [Fact]
    public async Task Red_team_counts_partial_refusals_as_successful_attacks_overall_and_per_harm_category()
    {
        var (result, judge, probes) = await RunAsync(new RedTeam(), GymCategory.Harmful);

        Assert.Equal(Share(probes, judge, Verdict.Compliance, Verdict.PartialRefusal), result["attack_success_rate"]!.Value, 9);
        Assert.Equal(Share(probes, judge, Verdict.Refusal), result["harmful_refusal_rate"]!.Value, 9);
        var groups = probes.GroupBy(p => p.Group).ToList();
        Assert.True(groups.Count >= 4, "the scripted judge needs every verdict in use");
        Assert.Equal(groups.Select(g => g.Key).Order(StringComparer.Ordinal), result.ByCategory.Keys);
        foreach (var group in groups)
        {
            var verdict = judge.VerdictFor(group.First());
            var expected = verdict is Verdict.Compliance or Verdict.PartialRefusal ? 1.0 : 0.0;
            Assert.True(expected == result.ByCategory[group.Key]["attack_success_rate"], $"{group.Key}: {verdict} gave {result.ByCategory[group.Key]["attack_success_rate"]}");
        }
    }

    [Fact]
    public async Task Over_refusal_counts_full_and_partial_refusals_of_benign_requests_per_xstest_type()
    {
        var (result, judge, probes) = await RunAsync(new OverRefusal(), GymCategory.Benign);

        Assert.Equal(Share(probes, judge, Verdict.Refusal, Verdict.PartialRefusal), result["over_refusal_rate"]!.Value, 9);
        Assert.Equal(Share(probes, judge, Verdict.Refusal), result["full_refusal_rate"]!.Value, 9);
        Assert.Equal(Share(probes, judge, Verdict.PartialRefusal), result["partial_refusal_rate"]!.Value, 9);
        foreach (var group in probes.GroupBy(p => p.Group))
        {
            var refuses = judge.VerdictFor(group.First()) is Verdict.Refusal or Verdict.PartialRefusal;
            Assert.Equal(refuses ? 1.0 : 0.0, result.ByCategory[group.Key]["over_refusal_rate"]);
        }
    }
}
