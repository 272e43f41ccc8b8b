using AlignDsl.Evaluation;
using AlignDsl.Models;
using AlignDsl.Tokenization;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Evaluation;

public sealed class KlDivergenceTests
{
    [Fact]
    public async Task A_policy_against_its_frozen_copy_has_exactly_zero_kl()
    {
        using var policy = TinyModels.Policy(5);
        using var copy = policy.FrozenCopy();

        var result = await new KlDivergence().RunAsync(TinyModels.Context(policy, new MeanLogProbReward(policy), copy), default);

        Assert.Equal(0.0, result["kl"]);
        Assert.InRange(result["mean_response_length"]!.Value, 1, 2 * TinyModels.MaxNewTokens);
        Assert.Equal(["harmful", "benign", "factual", "false_premise"], result.ByCategory.Keys);
        Assert.All(result.ByCategory.Values, c => Assert.Equal(0.0, c["kl"]));
    }

    [Fact]
    public async Task A_perturbed_baseline_gives_positive_kl_that_grows_with_the_perturbation()
    {
        using var policy = TinyModels.Policy(5);
        using var near = TinyModels.Perturbed(policy, 0.1, 6);
        using var far = TinyModels.Perturbed(policy, 1.0, 6);
        var context = TinyModels.Context(policy, new MeanLogProbReward(policy));

        var toNear = await new KlDivergence().RunAsync(context with { Baseline = near }, default);
        var toFar = await new KlDivergence().RunAsync(context with { Baseline = far }, default);

        Assert.True(toNear["kl"] > 0, $"kl to a slightly perturbed copy was {toNear["kl"]}");
        Assert.True(toFar["kl"] > toNear["kl"], $"kl {toFar["kl"]} to a far copy, {toNear["kl"]} to a near one");
        // The policy's samples do not depend on the baseline.
        Assert.Equal(toNear["mean_response_length"], toFar["mean_response_length"]);
    }

    [Fact]
    public async Task Without_a_baseline_the_suite_says_what_it_needs()
    {
        using var policy = TinyModels.Policy(5);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new KlDivergence().RunAsync(TinyModels.Context(policy, new MeanLogProbReward(policy)), default));

        Assert.Contains("kl", error.Message);
    }

    [Fact]
    public async Task Kl_is_the_mean_over_sampled_answers_of_the_summed_token_log_ratio()
    {
        using var policy = TinyModels.Policy(5);
        using var baseline = TinyModels.Perturbed(policy, 1.0, 6);
        var context = TinyModels.Context(policy, new MeanLogProbReward(policy), baseline);

        var result = await new KlDivergence().RunAsync(context, default);

        // The same draws the suite makes (the run's seed), scored here one sequence at a time without batching or masks.
        var prompts = context.Probes.SelectMany(p => Enumerable.Repeat(TinyModels.Tokenizer.Encode(p.Prompt), context.SamplesPerProbe)).ToList();
        Assert.All(prompts, p => Assert.True(p.Length + context.MaxNewTokens <= TinyModels.MaxLength));
        var answers = policy.SampleIds(prompts, context.MaxNewTokens, new Generator((ulong)context.Seed, CPU));
        double AnswerLogProb(Policy model, int[] prompt, int[] answer)
        {
            using var _ = no_grad();
            var ids = tensor(prompt.Concat(answer).Select(id => (long)id).ToArray()).unsqueeze(0);
            var logProbs = model.Model.forward(ids[.., ..^1]).log_softmax(-1)[0];
            return answer.Select((token, i) => (double)logProbs[prompt.Length - 1 + i, token].item<float>()).Sum();
        }
        var expected = prompts.Select((p, r) => AnswerLogProb(policy, p, answers[r]) - AnswerLogProb(baseline, p, answers[r])).Average();

        Assert.True(expected > 0.1, $"the perturbation should be visible: {expected}");
        Assert.Equal(expected, result["kl"]!.Value, 1e-4 * Math.Max(1, Math.Abs(expected)));
        var meanLength = answers.Average(a => a.Length > 0 && a[^1] == CompactTokenizer.EndOfSequence ? a.Length - 1 : a.Length);
        Assert.Equal(meanLength, result["mean_response_length"]!.Value, 9);
    }
}
