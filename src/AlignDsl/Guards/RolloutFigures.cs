using AlignDsl.Training;
using static TorchSharp.torch;

namespace AlignDsl.Guards;

/// <summary>
/// The figures of a rollout the collapse and reward-hacking guards read, as device scalars for the run's
/// <c>MetricSet</c> (read only every LogEvery steps): the sampled tokens' mean entropy, estimated as the mean of
/// −log π over the tokens sampled (its expectation is the entropy), the share of distinct answers, and the mean answer
/// length in tokens. The last two are counted on the host, where the sampled ids already are.
/// </summary>
public static class RolloutFigures
{
    public const string Entropy = "objective/entropy", DistinctRatio = "rollout/distinct_ratio", ResponseLength = "rollout/response_length";

    /// <param name="tokenLogProbs">The rollout policy's log-probabilities of the sampled tokens [rows, length − 1], as for PPO's old log-probs.</param>
    public static IEnumerable<(string Name, Tensor Value)> Of(Rollout rollout, Tensor tokenLogProbs)
    {
        var mask = rollout.Batch.LossMask;
        var device = mask.device;
        yield return (Entropy, -(tokenLogProbs.detach() * mask).sum() / mask.sum().clamp_min(1));
        var answers = rollout.Sequences.Select(s => string.Join(',', s.Tokens[s.PromptLength..])).ToList();
        var rows = Math.Max(1, answers.Count);
        yield return (DistinctRatio, tensor((float)answers.Distinct(StringComparer.Ordinal).Count() / rows, device: device));
        yield return (ResponseLength, tensor((float)rollout.Sequences.Average(s => s.Tokens.Length - s.PromptLength), device: device));
    }
}
