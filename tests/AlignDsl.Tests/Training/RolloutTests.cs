using AlignDsl.Data;
using AlignDsl.Models;
using AlignDsl.Rewards;
using AlignDsl.Tokenization;
using AlignDsl.Training;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Training;

/// <summary>Rollouts keep the sampled ids, and their mask covers exactly the sampled answer tokens.</summary>
public sealed class RolloutTests
{
    /// <summary>23 ids (GPT-2's first 20 symbols and digits): end of sequence is likely enough that some answers end and some are cut.</summary>
    internal static Policy SymbolPolicy(int seed)
    {
        random.manual_seed(seed);
        var tokenizer = new CompactTokenizer(Enumerable.Range(0, 20));
        return new Policy(new TinyGpt(new ModelConfig(1, 16, 2, 32, tokenizer.VocabularySize)), tokenizer, CPU);
    }

    internal static readonly string[] Prompts = ["1+2", "3*4", "(0)", "#1", "$2-3", "4/2", "%", "&'", "1+1+1", "2*(3)", "0.4", "!"];

    private const int MaxNewTokens = 6;

    [Fact]
    public void Mask_covers_the_sampled_answer_and_an_end_of_sequence_only_when_sampled()
    {
        using var policy = SymbolPolicy(1);
        var rollout = Rollout.Sample(policy, Prompts, MaxNewTokens, 32, new Generator(4));
        var mask = rollout.Batch.LossMask;
        var (ended, cut) = (0, 0);
        for (var r = 0; r < Prompts.Length; r++)
        {
            var sequence = rollout.Sequences[r];
            var answer = sequence.Tokens[sequence.PromptLength..];
            Assert.Equal(policy.Tokenizer.Encode(Prompts[r]), sequence.Tokens[..sequence.PromptLength]);
            var eos = Array.IndexOf(answer, CompactTokenizer.EndOfSequence);
            if (eos >= 0) { Assert.Equal(answer.Length - 1, eos); ended++; }
            else { Assert.Equal(MaxNewTokens, answer.Length); cut++; }
            Assert.Equal(policy.Tokenizer.Decode(answer), rollout.Answers[r]);
            var row = mask[r].data<float>().ToArray();
            for (var t = 0; t < row.Length; t++)
                Assert.Equal(t >= sequence.PromptLength - 1 && t < sequence.Tokens.Length - 1 ? 1f : 0f, row[t]);
            Assert.Equal(answer.Length, (int)row.Sum());
        }
        Assert.True(ended > 0 && cut > 0, $"{ended} answers ended and {cut} were cut: the case needs both.");
        Assert.Equal(rollout.Sequences.Sum(s => s.Tokens.Length), rollout.TokenCount);
    }

    [Fact]
    public void Several_samples_per_prompt_sit_on_consecutive_rows_and_differ()
    {
        using var policy = SymbolPolicy(1);
        const int k = 4;
        var rollout = Rollout.Sample(policy, Prompts[..3], MaxNewTokens, 32, new Generator(6), samplesPerPrompt: k);
        Assert.Equal(3 * k, rollout.Prompts.Count);
        Assert.Equal(3 * k, (int)rollout.Batch.Tokens.shape[0]);
        Assert.Equal(k, rollout.SamplesPerPrompt);
        for (var r = 0; r < rollout.Prompts.Count; r++)
        {
            Assert.Equal(Prompts[r / k], rollout.Prompts[r]);
            Assert.Equal(policy.Tokenizer.Encode(Prompts[r / k]), rollout.Sequences[r].Tokens[..rollout.Sequences[r].PromptLength]);
        }
        // Sampled at temperature 1 from one generator, a group's answers are not copies of one draw.
        Assert.Contains(Enumerable.Range(0, 3), p => rollout.Answers.Skip(p * k).Take(k).Distinct().Count() > 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => Rollout.Sample(policy, Prompts, MaxNewTokens, 32, new Generator(6), samplesPerPrompt: 0));
    }

    [Fact]
    public void A_long_prompt_keeps_its_end_and_the_answer_stops_at_max_length()
    {
        using var policy = SymbolPolicy(1);
        var rollout = Rollout.Sample(policy, ["1+2*3-4/0+1+2*3-4/0"], 20, 6, new Generator(2));
        var sequence = rollout.Sequences[0];
        var encoded = policy.Tokenizer.Encode("1+2*3-4/0+1+2*3-4/0");
        Assert.Equal(encoded[^5..], sequence.Tokens[..5]);
        Assert.Equal(6, sequence.Tokens.Length);
    }

    [Fact]
    public void A_frozen_copy_with_the_same_generator_seed_samples_the_same_rollout()
    {
        using var policy = SymbolPolicy(2);
        using var copy = policy.FrozenCopy();
        var first = Rollout.Sample(policy, Prompts, MaxNewTokens, 32, new Generator(9));
        var second = Rollout.Sample(copy, Prompts, MaxNewTokens, 32, new Generator(9));
        var third = Rollout.Sample(copy, Prompts, MaxNewTokens, 32, new Generator(10));
        Assert.Equal(Ids(first), Ids(second));
        Assert.Equal(first.Answers, second.Answers);
        Assert.NotEqual(Ids(first), Ids(third));

        static long[] Ids(Rollout rollout) => rollout.Batch.Tokens.data<long>().ToArray();
    }

    [Fact]
    public void Token_log_probs_are_zero_outside_the_mask_and_sum_to_the_completion_log_prob()
    {
        using var policy = SymbolPolicy(3);
        var rollout = Rollout.Sample(policy, Prompts, MaxNewTokens, 32, new Generator(5));
        var tokenLogProbs = policy.TokenLogProbs(rollout.Batch);
        Assert.Equal(rollout.Batch.LossMask.shape, tokenLogProbs.shape);
        Assert.Equal(0, (tokenLogProbs * (1 - rollout.Batch.LossMask)).abs().sum().item<float>());
        Assert.True(tokenLogProbs.sum(1).allclose(policy.CompletionLogProbs(rollout.Batch).Sum, atol: 1e-5));

        // One entry by hand: the first answer token of row 0, from the logits of its prefix.
        var sequence = rollout.Sequences[0];
        var prefix = tensor(sequence.Tokens[..sequence.PromptLength].Select(t => (long)t).ToArray()).unsqueeze(0);
        var logSoftmax = nn.functional.log_softmax(policy.Model.forward(prefix)[0, -1], -1);
        Assert.Equal(logSoftmax[sequence.Tokens[sequence.PromptLength]].item<float>(), tokenLogProbs[0, sequence.PromptLength - 1].item<float>(), 4);
    }

    private sealed class AnswerLength : IRewardFunction
    {
        public double Score(string prompt, string answer) => answer.Length + (prompt == "!" ? 100 : 0);
    }

    [Fact]
    public void Score_applies_the_reward_function_to_each_prompt_and_answer()
    {
        using var policy = SymbolPolicy(1);
        var rollout = Rollout.Sample(policy, Prompts, MaxNewTokens, 32, new Generator(4));
        var expected = rollout.Answers.Select((a, r) => (float)(a.Length + (Prompts[r] == "!" ? 100 : 0))).ToArray();
        Assert.Equal(expected, rollout.Score(new AnswerLength()).data<float>().ToArray());
    }

    [Fact]
    public void Missing_eos_marks_exactly_the_answers_cut_before_end_of_sequence()
    {
        using var policy = SymbolPolicy(1);
        var rollout = Rollout.Sample(policy, Prompts, MaxNewTokens, 32, new Generator(4), samplesPerPrompt: 2);
        var missing = rollout.MissingEos().data<float>().ToArray();
        Assert.Equal(rollout.Sequences.Count, missing.Length);
        for (var r = 0; r < missing.Length; r++)
        {
            var answer = rollout.Sequences[r].Tokens[rollout.Sequences[r].PromptLength..];
            var ended = answer.Length > 0 && answer[^1] == CompactTokenizer.EndOfSequence;
            Assert.Equal(ended, rollout.SampledEos[r]);
            Assert.Equal(ended ? 0f : 1f, missing[r]);
        }
        Assert.Contains(0f, missing);
        Assert.Contains(1f, missing);
    }
}
