using AlignDsl.Data;
using AlignDsl.Judging;
using AlignDsl.Models;
using static TorchSharp.torch;

namespace AlignDsl.Evaluation;

/// <summary>A probe and one answer sampled for it.</summary>
public sealed record SampledAnswer(Probe Probe, string Answer);

/// <summary>Samples answers to the probes (of one category, or all), a fixed number per prompt, from a fixed seed, and judges them.</summary>
internal static class ProbeSampler
{
    /// <summary>A category's name in reports, in snake case: harmful, benign, factual, false_premise.</summary>
    public static string CategoryName(GymCategory category) =>
        string.Concat(category.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public static IReadOnlyList<SampledAnswer> Answers(EvalContext context, GymCategory category, string suite) =>
        Answers(context.RequirePolicy(suite), context, category);

    /// <summary>
    /// <see cref="EvalContext.SamplesPerProbe"/> answers per probe of <paramref name="category"/> (every category when
    /// null, in one draw, as win rate compares two models on all of them). Prompts of equal length share a batch.
    /// </summary>
    public static IReadOnlyList<SampledAnswer> Answers(Policy policy, EvalContext context, GymCategory? category)
    {
        var probes = context.Probes.Where(p => category is null || p.Category == category)
            .SelectMany(p => Enumerable.Repeat(p, context.SamplesPerProbe)).ToList();
        // The same seed at every evaluation: before and after are compared on the same random draws.
        var generator = new Generator((ulong)context.Seed, policy.Device);
        var answers = policy.Sample(probes.Select(p => p.Prompt).ToList(), context.MaxNewTokens, generator);
        return probes.Select((p, i) => new SampledAnswer(p, answers[i])).ToList();
    }

    /// <summary>Each answer's verdict, in order.</summary>
    public static async Task<IReadOnlyList<(SampledAnswer Answer, Verdict Verdict)>> JudgeAsync(
        IJudge judge, IReadOnlyList<SampledAnswer> answers, CancellationToken cancellationToken)
    {
        var judged = new List<(SampledAnswer, Verdict)>(answers.Count);
        foreach (var answer in answers)
            judged.Add((answer, await judge.ClassifyAsync(answer.Probe.Prompt, answer.Answer, cancellationToken)));
        return judged;
    }

    /// <summary>Rates over all answers and per probe group: for each named figure, the share of answers whose verdict it counts.</summary>
    public static SuiteResult Rates(string suite, IReadOnlyList<(SampledAnswer Answer, Verdict Verdict)> judged,
        IReadOnlyList<(string Figure, Func<Verdict, bool> Counts)> figures)
    {
        IReadOnlyDictionary<string, double> Shares(IReadOnlyCollection<(SampledAnswer Answer, Verdict Verdict)> rows) =>
            figures.ToDictionary(f => f.Figure, f => rows.Count == 0 ? double.NaN : rows.Count(r => f.Counts(r.Verdict)) / (double)rows.Count);
        return new SuiteResult(suite, Shares(judged))
        {
            ByCategory = judged.GroupBy(r => r.Answer.Probe.Group).Where(g => g.Key.Length > 0).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Shares(g.ToList())),
        };
    }
}
