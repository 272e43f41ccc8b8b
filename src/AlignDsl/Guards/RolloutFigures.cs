using AlignDsl.Training;
using static TorchSharp.torch;

namespace AlignDsl.Guards;

/// <summary>
/// The figures of a rollout the collapse and reward-hacking guards read, as device scalars for the run's
/// <c>MetricSet</c> (read only every LogEvery steps): the entropy estimated from the sampled tokens (the expectation of
/// −log π over a sampled token is the entropy) both as TRL's <c>objective/entropy</c>, summed over each answer's tokens
/// and averaged over answers (TRL also counts each padding position as −1, which is left out here), and per token, which
/// the collapse guard compares with MinEntropy; the share of distinct answers, and the mean answer length in tokens.
/// The last two are counted on the host, where the sampled ids already are.
/// </summary>
public static class RolloutFigures
{
    public const string Entropy = "objective/entropy", TokenEntropy = "rollout/token_entropy", DistinctRatio = "rollout/distinct_ratio",
        ResponseLength = "rollout/response_length";

    public static IEnumerable<(string Name, Tensor Value)> Of(Rollout rollout, Tensor tokenLogProbs)
    {
        var mask = rollout.Batch.LossMask;
        var device = mask.device;
        var surprise = -(tokenLogProbs.detach() * mask);
        yield return (Entropy, surprise.sum(1).mean());
        yield return (TokenEntropy, Objectives.CompletionFigures.TokenEntropy(mask, tokenLogProbs));
        var answers = rollout.Sequences.Select(s => string.Join(',', s.Tokens[s.PromptLength..])).ToList();
        var rows = Math.Max(1, answers.Count);
        yield return (DistinctRatio, tensor((float)answers.Distinct(StringComparer.Ordinal).Count() / rows, device: device));
        yield return (ResponseLength, tensor((float)rollout.Sequences.Average(s => s.Tokens.Length - s.PromptLength), device: device));
    }
}
