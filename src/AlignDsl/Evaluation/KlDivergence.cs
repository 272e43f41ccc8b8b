using AlignDsl.Data;
using AlignDsl.Models;
using static TorchSharp.torch;

namespace AlignDsl.Evaluation;

/// <summary>
/// How far the policy has drifted from the baseline (the reference, or the policy the run started from): the
/// sequence-level KL(π‖π_ref) estimated by sampling. For <see cref="EvalContext.SamplesPerProbe"/> answers y ~ π per
/// held-out probe (from the run's seed), <c>kl</c> is the mean over answers of log π(y|x) − log π_ref(y|x), summed over
/// the answer's tokens and its end of sequence when the policy stopped (an answer cut at the token budget has none): 0
/// for a policy equal to its baseline. The answers are scored as the tokenizer encodes their sampled text, which can
/// differ from the sampled tokens, so the estimate is close to, not exactly, an expectation under π.
/// <c>mean_response_length</c> is their mean length in tokens (end of sequence excluded): a drifting policy often
/// drifts in length first. Also per gym category.
/// </summary>
public sealed class KlDivergence : IEvalSuite
{
    private const int BatchRows = 64;

    public string Name => "kl";

    public Task<SuiteResult> RunAsync(EvalContext context, CancellationToken cancellationToken)
    {
        var (policy, baseline) = (context.RequirePolicy(Name), context.RequireBaseline(Name));
        if (!policy.Tokenizer.Gpt2Ids.SequenceEqual(baseline.Tokenizer.Gpt2Ids))
            throw new InvalidOperationException($"{Name} compares token log-probs, so the policy and its baseline need the same vocabulary.");
        var answers = AllProbes.Answers(policy, context);
        // The whole answer counts: cut only where a model could not read further.
        var maxLength = Math.Min(policy.Config.Context, baseline.Config.Context);
        var rows = answers.Select(a =>
        {
            // An answer that used the whole budget was cut, not ended: score no end of sequence the policy never sampled.
            var (prompt, answer) = (policy.Tokenizer.Encode(a.Probe.Prompt).Length, policy.Tokenizer.Encode(a.Answer).Length);
            var rowLength = answer >= context.MaxNewTokens ? Math.Min(maxLength, prompt + answer) : maxLength;
            return TokenizedSequence.Create(policy.Tokenizer, a.Probe.Prompt, a.Answer, rowLength);
        }).ToList();
        var logRatios = LogRatios(policy, baseline, rows, cancellationToken);

        var scored = answers.Select((a, i) => (a.Probe.Category, LogRatio: logRatios[i], Length: (double)policy.Tokenizer.Encode(a.Answer).Length)).ToList();
        return Task.FromResult(new SuiteResult(Name, Figures(scored))
        {
            ByCategory = scored.GroupBy(s => s.Category).ToDictionary(g => AllProbes.CategoryName(g.Key), g => Figures(g.ToList())),
        });

        static IReadOnlyDictionary<string, double> Figures(IReadOnlyCollection<(GymCategory Category, double LogRatio, double Length)> rows) =>
            new Dictionary<string, double>
            {
                ["kl"] = rows.Count == 0 ? double.NaN : rows.Average(r => r.LogRatio),
                ["mean_response_length"] = rows.Count == 0 ? double.NaN : rows.Average(r => r.Length),
            };
    }

    /// <summary>log π(y|x) − log π_ref(y|x) per row, both models run without gradients, a batch at a time.</summary>
    private static double[] LogRatios(Policy policy, Policy baseline, IReadOnlyList<TokenizedSequence> rows, CancellationToken cancellationToken)
    {
        using var _ = no_grad();
        var ratios = new List<double>(rows.Count);
        foreach (var chunk in rows.Chunk(BatchRows))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var batch = new SequenceBatch(chunk).ToDevice(policy.Device);
            var ratio = policy.CompletionLogProbs(batch).Sum - baseline.CompletionLogProbs(batch).Sum;
            ratios.AddRange(ratio.to(ScalarType.Float64).cpu().data<double>().ToArray());
        }
        return ratios.ToArray();
    }
}
