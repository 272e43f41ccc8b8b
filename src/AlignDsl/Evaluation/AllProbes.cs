using AlignDsl.Data;
using AlignDsl.Models;
using static TorchSharp.torch;

namespace AlignDsl.Evaluation;

/// <summary>The probes of every category at once, for suites that compare models on all of them (win rate, KL).</summary>
internal static class AllProbes
{
    /// <summary>A category's name in reports, in snake case: harmful, benign, factual, false_premise.</summary>
    public static string CategoryName(GymCategory category) =>
        string.Concat(category.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>
    /// <see cref="EvalContext.SamplesPerProbe"/> answers per probe, all categories in one draw (prompts of equal length
    /// share a batch) from the run's seed, as <see cref="ProbeSampler"/> draws: the same answers at every evaluation,
    /// and the same answers from two models with the same weights.
    /// </summary>
    public static IReadOnlyList<SampledAnswer> Answers(Policy policy, EvalContext context)
    {
        var probes = context.Probes.SelectMany(p => Enumerable.Repeat(p, context.SamplesPerProbe)).ToList();
        var answers = policy.Sample(probes.Select(p => p.Prompt).ToList(), context.MaxNewTokens, new Generator((ulong)context.Seed, policy.Device));
        return probes.Select((p, i) => new SampledAnswer(p, answers[i])).ToList();
    }
}
