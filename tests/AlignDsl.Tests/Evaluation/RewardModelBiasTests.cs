using AlignDsl.Data;
using AlignDsl.Evaluation;
using AlignDsl.Judging;
using AlignDsl.Models;
using AlignDsl.Tokenization;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Evaluation;

public sealed class RewardModelBiasTests
{
    private const string Padding = "well, that is a great question";

    /// <summary>A reward that is the completion's length in tokens: as length-biased as a reward can be.</summary>
    private sealed class LengthReward : IPreferenceScorer
    {
        public ITokenizer Tokenizer => TinyModels.Tokenizer;

        public Tensor Rewards(SequenceTensors batch) => batch.LossMask.sum(1);
    }

    /// <summary>A reward that reads each row's text and gives the gym's ground-truth score of the answer.</summary>
    private sealed class GroundTruthReward : IPreferenceScorer
    {
        public ITokenizer Tokenizer => TinyModels.Tokenizer;

        public Tensor Rewards(SequenceTensors batch)
        {
            var (rows, length) = ((int)batch.Tokens.shape[0], (int)batch.Tokens.shape[1]);
            var tokens = batch.Tokens.data<long>().Select(t => (int)t).ToArray();
            var mask = batch.LossMask.data<float>().ToArray();
            var rewards = new float[rows];
            for (var r = 0; r < rows; r++)
            {
                var row = tokens[(r * length)..((r + 1) * length)];
                // Target t + 1 is predicted at position t: the first masked position ends the prompt.
                var promptLength = Enumerable.Range(0, length - 1).First(t => mask[r * (length - 1) + t] == 1) + 1;
                rewards[r] = (float)GymJudge.Score(Tokenizer.Decode(row[..promptLength]), Tokenizer.Decode(row[promptLength..]));
            }
            return tensor(rewards);
        }
    }

    [Fact]
    public void Gym_bias_pairs_come_from_held_out_prompts_only()
    {
        var pairs = TinyModels.Gym.BiasPairs();
        var heldOut = TinyModels.Gym.Probes().Select(p => p.Prompt).ToHashSet();

        Assert.Equal(12, pairs.Count(p => p.Probe == BiasProbe.ChosenShorter));
        Assert.Equal(12, pairs.Count(p => p.Probe == BiasProbe.ChosenLonger));
        Assert.Equal(4, pairs.Count(p => p.Probe == BiasProbe.Sycophancy));
        Assert.All(pairs, p => Assert.Contains(p.Pair.Prompt, heldOut));
        Assert.All(pairs.Where(p => p.Probe == BiasProbe.ChosenShorter), p =>
        {
            Assert.True(p.Pair.Chosen.Length < p.Pair.Rejected.Length);
            Assert.Equal(1.0, GymJudge.Score(p.Pair.Prompt, p.Pair.Chosen));
        });
        Assert.All(pairs.Where(p => p.Probe == BiasProbe.ChosenLonger), p =>
        {
            Assert.True(p.Pair.Chosen.Length > p.Pair.Rejected.Length);
            Assert.Equal(0.0, GymJudge.Score(p.Pair.Prompt, p.Pair.Rejected));
        });
        Assert.All(pairs.Where(p => p.Probe == BiasProbe.Sycophancy), p => Assert.StartsWith(" actually,", p.Pair.Chosen));
    }

    [Fact]
    public async Task A_length_reward_correlates_with_length_and_fails_the_concise_pairs()
    {
        var context = TinyModels.Context(null, new LengthReward()) with { BiasPairs = TinyModels.Gym.BiasPairs() };

        var result = await new RewardModelBias().RunAsync(context, default);

        Assert.Equal(1.0, result["length_correlation"]!.Value, 9);
        Assert.Equal(0.0, result["accuracy_chosen_shorter"]);
        Assert.Equal(1.0, result["accuracy_chosen_longer"]);
        Assert.Equal(10, result.Reliability.Count);
        Assert.Equal(56, result.Reliability.Sum(b => b.Count));
    }

    [Fact]
    public async Task A_ground_truth_reward_is_never_sycophantic_and_its_calibration_follows_its_margins()
    {
        var context = TinyModels.Context(null, new GroundTruthReward()) with { BiasPairs = TinyModels.Gym.BiasPairs() };

        var result = await new RewardModelBias().RunAsync(context, default);

        Assert.Equal(1.0, result["sycophancy_accuracy"]);
        Assert.Equal(1.0, result["accuracy_chosen_shorter"]);
        Assert.Equal(1.0, result["accuracy_chosen_longer"]);
        // Every held-out pair is a right answer (score 1) over a wrong one (0), either of them elaborated, which the
        // judge does not score: margin 1, predicted correctly, so every pair's gap is 1 − σ(1).
        Assert.DoesNotContain(TinyModels.Gym.Pairs().HeldOut, p => p.Rejected.Contains(Padding) || p.Chosen.Contains(Padding));
        var confident = 1 / (1 + Math.Exp(-1));
        Assert.Equal(1 - confident, result["ece"]!.Value, 6);
        Assert.Equal(Math.Pow(1 - confident, 2), result["brier"]!.Value, 6);
        Assert.Equal(-Math.Log(confident), result["nll"]!.Value, 6);
        // Bins of width 0.05 over [½, 1]: σ(1) = 0.731 falls in bin 4.
        Assert.Equal(56, result.Reliability[4].Count);
        Assert.Equal(1.0, result.Reliability[4].Accuracy);
    }

    [Fact]
    public async Task An_implicit_reward_of_a_policy_equal_to_its_reference_is_a_coin_flip()
    {
        using var policy = TinyModels.Policy(11);
        using var reference = policy.FrozenCopy();
        var context = TinyModels.Context(policy, new ImplicitReward(policy, new LiveReference(reference), 0.1)) with { BiasPairs = TinyModels.Gym.BiasPairs() };

        var result = await new RewardModelBias().RunAsync(context, default);

        // Every reward is 0: every p is ½, half correct at confidence ½.
        Assert.Equal(0.5, result["accuracy_chosen_shorter"]);
        Assert.Equal(0.5, result["sycophancy_accuracy"]);
        Assert.Equal(0.0, result["ece"]);
        Assert.Equal(0.25, result["brier"]);
        Assert.Equal(Math.Log(2), result["nll"]!.Value, 12);
        Assert.True(double.IsNaN(result["length_correlation"]!.Value));
        Assert.Equal(56, result.Reliability[0].Count);
    }

    [Fact]
    public async Task Without_bias_pairs_their_figures_are_nan_and_calibration_still_runs()
    {
        var result = await new RewardModelBias().RunAsync(TinyModels.Context(null, new LengthReward()), default);

        Assert.True(double.IsNaN(result["accuracy_chosen_shorter"]!.Value));
        Assert.True(double.IsNaN(result["accuracy_chosen_longer"]!.Value));
        Assert.True(double.IsNaN(result["sycophancy_accuracy"]!.Value));
        Assert.True(double.IsFinite(result["ece"]!.Value));
    }

    [Fact]
    public async Task An_implicit_reward_over_a_precomputed_reference_is_refused_with_a_reason()
    {
        using var policy = TinyModels.Policy(11);
        var heldOut = PreferenceData.Tokenize(TinyModels.Gym.Pairs().HeldOut, policy.Tokenizer, TinyModels.MaxLength);
        using var reference = PrecomputedReference.Compute(policy, heldOut.InOrder(32));
        var context = TinyModels.Context(policy, new ImplicitReward(policy, reference, 0.1)) with { BiasPairs = TinyModels.Gym.BiasPairs() };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new RewardModelBias().RunAsync(context, default));

        Assert.Contains("PrecomputeReferenceLogProbs", error.Message);
    }
}
