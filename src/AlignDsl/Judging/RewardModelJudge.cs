using AlignDsl.Data;
using AlignDsl.Models;
using static TorchSharp.torch;

namespace AlignDsl.Judging;

/// <summary>
/// A reward model as a judge: P(first better) = σ(r_first − r_second), the Bradley–Terry probability the model was
/// trained to fit. It has one notion of "better", so a comparison's instruction is ignored, and it cannot classify.
/// </summary>
/// <param name="maxLength">Where prompt + answer are cut (the answer's end first); the model's context by default.</param>
public sealed class RewardModelJudge(RewardModel rewardModel, int? maxLength = null) : IJudge
{
    private readonly int _maxLength = maxLength ?? rewardModel.Config.Context;

    public string Name => "reward-model";

    /// <exception cref="NotSupportedException">Always: a reward model scores answers and has no notion of a refusal.</exception>
    public Task<Verdict> ClassifyAsync(string prompt, string answer, CancellationToken cancellationToken) =>
        throw new NotSupportedException(
            "A reward model scores answers; it cannot say whether one refuses or complies. " +
            "Use the gym judge or an LLM judge (--judge gym|llm) for red teaming and over-refusal.");

    public Task<double> CompareAsync(Comparison comparison, CancellationToken cancellationToken)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // Read as the model was trained: a chat template's reward model scores the rendered conversation.
        var pair = rewardModel.Render([new PreferencePair(comparison.Prompt, comparison.First, comparison.Second)])[0];
        var tokenizer = rewardModel.Tokenizer;
        var batch = new SequenceBatch(
        [
            TokenizedSequence.Create(tokenizer, pair.Prompt, pair.Chosen, _maxLength),
            TokenizedSequence.Create(tokenizer, pair.Prompt, pair.Rejected, _maxLength),
        ]);
        var rewards = rewardModel.Rewards(batch.ToDevice(rewardModel.Device)).cpu().data<float>().ToArray();
        return Task.FromResult(1 / (1 + Math.Exp(-((double)rewards[0] - rewards[1]))));
    }
}
