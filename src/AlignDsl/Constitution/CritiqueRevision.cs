using AlignDsl.Data;
using AlignDsl.Models;
using static TorchSharp.torch;

namespace AlignDsl.Constitution;

/// <summary>
/// Supervised constitutional AI (SL-CAI, Bai et al., 2022): the policy answers each prompt, then a reviser critiques
/// and rewrites the answer by a sampled principle, round after round. Training on the final revisions teaches the
/// policy to answer the way the revisions do without the reviser.
/// </summary>
public static class CritiqueRevision
{
    /// <summary>One sampled answer per prompt (seeded), then <paramref name="rounds"/> rounds of critique and revision.</summary>
    public static Task<IReadOnlyList<RevisionChain>> RunAsync(Policy policy, Constitution constitution, IReadOnlyList<string> prompts, IReviser reviser,
        int rounds, int seed, int maxNewTokens = 24, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var answers = policy.Sample(prompts, maxNewTokens, new Generator((ulong)seed, policy.Device));
        return ReviseAsync(prompts.Select((p, i) => new Demonstration(p, answers[i])).ToList(), constitution, reviser, rounds, seed, progress, cancellationToken);
    }

    /// <summary>
    /// Revises given answers: each round draws a principle (seeded, in order) and revises the latest answer by it.
    /// Reports the number of prompts finished so far.
    /// </summary>
    public static async Task<IReadOnlyList<RevisionChain>> ReviseAsync(IReadOnlyList<Demonstration> answers, Constitution constitution, IReviser reviser,
        int rounds, int seed, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        var random = new Random(seed);
        var chains = new List<RevisionChain>(answers.Count);
        foreach (var (prompt, initial) in answers)
        {
            var current = initial;
            var history = new List<RevisionRound>(rounds);
            for (var r = 0; r < rounds; r++)
            {
                var principle = constitution.Sample(random);
                var revision = await reviser.ReviseAsync(prompt, current, principle, cancellationToken);
                history.Add(new RevisionRound(principle.Id, revision.Critique, revision.Answer));
                current = revision.Answer;
            }
            chains.Add(new RevisionChain(prompt, initial, history, current));
            progress?.Report(chains.Count);
        }
        return chains;
    }
}
