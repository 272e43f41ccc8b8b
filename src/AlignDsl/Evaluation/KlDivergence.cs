using AlignDsl.Data;
using AlignDsl.Models;
using AlignDsl.Tokenization;
using AlignDsl.Training;
using static TorchSharp.torch;

namespace AlignDsl.Evaluation;

/// <summary>
/// How far the policy has drifted from the baseline (the reference, or the policy the run started from): the
/// sequence-level KL(π‖π_ref) estimated by sampling. For <see cref="EvalContext.SamplesPerProbe"/> answers y ~ π per
/// held-out probe (from the run's seed), <c>kl</c> is the mean over answers of log π(y|x) − log π_ref(y|x), summed over
/// the sampled tokens themselves (a <see cref="Rollout"/>, as PPO scores them) and the end of sequence when the policy
/// sampled one: 0 for a policy equal to its baseline. <c>mean_response_length</c> is the answers' mean length in tokens
/// (end of sequence excluded): a drifting policy often drifts in length first. Also per gym category.
/// </summary>
public sealed class KlDivergence : IEvalSuite
{
    public string Name => "kl";

    public Task<SuiteResult> RunAsync(EvalContext context, CancellationToken cancellationToken)
    {
        var (policy, baseline) = (context.RequirePolicy(Name), context.RequireBaseline(Name));
        if (!TokenizerIds.SameVocabulary(policy.Tokenizer, baseline.Tokenizer))
            throw new InvalidOperationException($"{Name} compares token log-probs, so the policy and its baseline need the same vocabulary.");
        var probes = context.Probes.SelectMany(p => Enumerable.Repeat(p, context.SamplesPerProbe)).ToList();
        // The whole answer counts: cut only where a model could not read further.
        var maxLength = Math.Min(policy.Config.Context, baseline.Config.Context);
        double[] logRatios;
        int[] lengths;
        using (no_grad())
        using (NewDisposeScope())
        {
            // The same seed as the other sampling suites: the same answers at every evaluation.
            var rollout = Rollout.Sample(policy, probes.Select(p => p.Prompt).ToList(), context.MaxNewTokens, maxLength,
                new Generator((ulong)context.Seed, policy.Device));
            cancellationToken.ThrowIfCancellationRequested();
            var ratio = (policy.TokenLogProbs(rollout.Batch) - baseline.TokenLogProbs(rollout.Batch)).sum(1);
            logRatios = ratio.to(ScalarType.Float64).cpu().data<double>().ToArray();
            lengths = rollout.Sequences.Select(s => AnswerLength(s, policy.EndOfSequence)).ToArray();
        }

        var scored = probes.Select((p, i) => (p.Category, LogRatio: logRatios[i], Length: (double)lengths[i])).ToList();
        return Task.FromResult(new SuiteResult(Name, Figures(scored))
        {
            ByCategory = scored.GroupBy(s => s.Category).ToDictionary(g => ProbeSampler.CategoryName(g.Key), g => Figures(g.ToList())),
        });

        static IReadOnlyDictionary<string, double> Figures(IReadOnlyCollection<(GymCategory Category, double LogRatio, double Length)> rows) =>
            new Dictionary<string, double>
            {
                ["kl"] = rows.Count == 0 ? double.NaN : rows.Average(r => r.LogRatio),
                ["mean_response_length"] = rows.Count == 0 ? double.NaN : rows.Average(r => r.Length),
            };
    }

    private static int AnswerLength(TokenizedSequence sequence, int endOfSequence)
    {
        var answer = sequence.Tokens.Length - sequence.PromptLength;
        return answer > 0 && sequence.Tokens[^1] == endOfSequence ? answer - 1 : answer;
    }
}
