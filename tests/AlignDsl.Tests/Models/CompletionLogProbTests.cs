using AlignDsl.Data;
using AlignDsl.Models;
using AlignDsl.Tokenization;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Models;

/// <summary>Log-probs count completion tokens only: never the prompt, never padding.</summary>
public sealed class CompletionLogProbTests
{
    private static Policy TinyPolicy()
    {
        random.manual_seed(7);
        var tokenizer = new CompactTokenizer(Enumerable.Range(0, 20));
        return new Policy(new TinyGpt(new ModelConfig(1, 16, 2, 16, tokenizer.VocabularySize)), tokenizer, CPU);
    }

    [Fact]
    public void Mask_marks_the_targets_that_are_completion_tokens()
    {
        var batch = new SequenceBatch([new TokenizedSequence([5, 6, 7, 8, 1], PromptLength: 3), new TokenizedSequence([5, 6, 1], PromptLength: 2)]);
        var tensors = batch.ToDevice(CPU);
        // Targets are tokens 1..4; completion tokens are 8 and 1 (row 0) and 1 (row 1); row 1 is padded.
        Assert.Equal(new float[] { 0, 0, 1, 1, 0, 1, 0, 0 }, tensors.LossMask.data<float>().ToArray());
        Assert.Equal(new long[] { 5, 6, 7, 8, 1, 5, 6, 1, 0, 0 }, tensors.Tokens.data<long>().ToArray());
        Assert.Equal(8, batch.TokenCount);
    }

    [Fact]
    public void Sum_equals_log_softmax_of_completion_targets_only()
    {
        using var policy = TinyPolicy();
        var sequence = new TokenizedSequence([5, 6, 7, 8, 9, 1], PromptLength: 3);
        var tensors = new SequenceBatch([sequence]).ToDevice(CPU);

        var logProbs = policy.CompletionLogProbs(tensors);

        var logits = policy.Model.forward(tensor(new long[] { 5, 6, 7, 8, 9, 1 }).unsqueeze(0));
        var logSoftmax = nn.functional.log_softmax(logits, -1)[0];
        var expected = 0.0;
        for (var t = 3; t < 6; t++) expected += logSoftmax[t - 1, sequence.Tokens[t]].item<float>();
        Assert.Equal(expected, logProbs.Sum.item<float>(), 4);
        Assert.Equal(3, logProbs.Tokens.item<float>());
    }

    [Fact]
    public void Padding_and_prompt_changes_do_not_leak_into_another_row()
    {
        using var policy = TinyPolicy();
        var row = new TokenizedSequence([5, 6, 7, 8, 1], PromptLength: 3);
        var alone = policy.CompletionLogProbs(new SequenceBatch([row]).ToDevice(CPU)).Sum.item<float>();
        var padded = policy.CompletionLogProbs(new SequenceBatch([row, new TokenizedSequence([9, 9, 9, 9, 9, 9, 9, 1], 2)]).ToDevice(CPU)).Sum[0].item<float>();
        Assert.Equal(alone, padded, 4);
    }

    [Fact]
    public void Split_pairs_returns_chosen_then_rejected_halves()
    {
        var logProbs = new SequenceLogProbs(tensor(new float[] { 1, 2, 3, 4 }), tensor(new float[] { 1, 1, 2, 2 }));
        var (chosen, rejected) = logProbs.SplitPairs();
        Assert.Equal(new float[] { 1, 2 }, chosen.Sum.data<float>().ToArray());
        Assert.Equal(new float[] { 1.5f, 2 }, rejected.Mean.data<float>().ToArray());
    }

    [Fact]
    public void Mean_logit_averages_every_vocabulary_entry_over_each_half_s_completion_positions()
    {
        using var policy = TinyPolicy();
        var chosen = new TokenizedSequence([5, 6, 7, 8, 1], PromptLength: 3);
        var rejected = new TokenizedSequence([5, 6, 9, 1], PromptLength: 2);
        var (chosenLogProbs, rejectedLogProbs) = policy.CompletionLogProbs(new SequenceBatch([chosen, rejected]).ToDevice(CPU), meanLogits: true).SplitPairs();

        // Positions that predict completion tokens: 2 and 3 for the chosen row (targets 8, 1); 1 and 2 for the rejected (targets 9, 1).
        static double Expected(Policy policy, long[] tokens, int[] positions) =>
            positions.Average(p => policy.Model.forward(tensor(tokens).unsqueeze(0))[0, p].mean().item<float>());
        Assert.Equal(Expected(policy, [5, 6, 7, 8, 1], [2, 3]), chosenLogProbs.MeanLogit.item<float>(), 5);
        Assert.Equal(Expected(policy, [5, 6, 9, 1], [1, 2]), rejectedLogProbs.MeanLogit.item<float>(), 5);
        // Not asked for (a reference's or an evaluation's log-probs), the pass over the logits is not made.
        Assert.Null(policy.CompletionLogProbs(new SequenceBatch([chosen, rejected]).ToDevice(CPU)).LogitSums);
        Assert.Throws<InvalidOperationException>(() => new SequenceLogProbs(zeros(1), ones(1)).MeanLogit);
    }
}
