using AlignDsl.Data;
using AlignDsl.Judging;
using AlignDsl.Models;
using static TorchSharp.torch;

namespace AlignDsl.Constitution;

/// <summary>
/// RL from AI feedback (RL-CAI, Bai et al., 2022): the policy answers each prompt twice, a judge says which answer
/// better follows a sampled principle, and the preferred answer becomes the chosen side of a preference pair. Both
/// presentation orders are asked and averaged, so a judge that favours a position yields ties, and ties are dropped:
/// they carry no preference to train on.
/// </summary>
public static class ConstitutionalFeedback
{
    /// <summary>Samples two answers per prompt and draw, and labels them: <see cref="SampleCandidates"/> then <see cref="LabelAsync(IReadOnlyList{CandidatePair}, Constitution, IJudge, int, IProgress{int}?, CancellationToken)"/>.</summary>
    public static Task<IReadOnlyList<LabelledPair>> LabelAsync(Policy policy, Constitution constitution, IReadOnlyList<string> prompts, IJudge judge,
        int seed, int samplesPerPrompt = 1, int maxNewTokens = 24, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        LabelAsync(SampleCandidates(policy, prompts, seed, samplesPerPrompt, maxNewTokens), constitution, judge, seed, progress, cancellationToken);

    /// <summary>
    /// <paramref name="samplesPerPrompt"/> pairs of answers per prompt, from two successive draws of one seeded
    /// generator; a pair whose answers are identical is dropped (nothing to compare).
    /// </summary>
    public static IReadOnlyList<CandidatePair> SampleCandidates(Policy policy, IReadOnlyList<string> prompts, int seed, int samplesPerPrompt = 1, int maxNewTokens = 24)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samplesPerPrompt, 1);
        var repeated = prompts.SelectMany(p => Enumerable.Repeat(p, samplesPerPrompt)).ToList();
        var generator = new Generator((ulong)seed, policy.Device);
        var first = policy.Sample(repeated, maxNewTokens, generator);
        var second = policy.Sample(repeated, maxNewTokens, generator);
        return repeated.Select((p, i) => new CandidatePair(p, first[i], second[i])).Where(c => c.First != c.Second).ToList();
    }

    /// <summary>
    /// Labels each candidate by a principle drawn from <paramref name="constitution"/> (seeded, in order) and the judge's
    /// both-orders comparison under its instruction; ties are dropped. Reports the number of candidates judged so far.
    /// </summary>
    public static async Task<IReadOnlyList<LabelledPair>> LabelAsync(IReadOnlyList<CandidatePair> candidates, Constitution constitution, IJudge judge,
        int seed, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var random = new Random(seed);
        var labelled = new List<LabelledPair>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var (prompt, first, second) = candidates[i];
            var principle = constitution.Sample(random);
            var firstBetter = await judge.CompareBothOrdersAsync(new Comparison(prompt, first, second, principle.ComparisonInstruction), cancellationToken);
            if (firstBetter != 0.5)
            {
                var pair = firstBetter > 0.5
                    ? new PreferencePair(prompt, first, second, principle.Id)
                    : new PreferencePair(prompt, second, first, principle.Id);
                labelled.Add(new LabelledPair(pair, principle.Id, Math.Max(firstBetter, 1 - firstBetter)));
            }
            progress?.Report(i + 1);
        }
        return labelled;
    }
}
