using AlignDsl.Data;
using AlignDsl.Evaluation;
using AlignDsl.Models;
using AlignDsl.Tokenization;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Evaluation;

public sealed class PreferenceAccuracyTests
{
    [Fact]
    public async Task A_policy_equal_to_its_reference_scores_exactly_one_half()
    {
        random.manual_seed(11);
        var gym = new Gym(GymTask.HelpfulHarmless, 0);
        var tokenizer = CompactTokenizer.FromCorpus(Gym.Corpus());
        using var policy = new Policy(new TinyGpt(new ModelConfig(1, 16, 2, 64, tokenizer.VocabularySize)), tokenizer, CPU);
        using var reference = policy.FrozenCopy();
        var heldOut = PreferenceData.Tokenize(gym.Pairs().HeldOut, tokenizer, 48);

        var scorer = new ImplicitReward(policy, new LiveReference(reference), 0.1);
        var figures = await new PreferenceAccuracy().RunAsync(new EvalContext(policy, scorer, heldOut, gym.Probes(), 1, CPU), default);

        Assert.Equal(0.5, figures["preference_accuracy"]);
        Assert.Equal(0.0, figures["preference_margin"]);
    }

    /// <summary>Rewards each row with its first completion token's id, so the test decides every margin.</summary>
    private sealed class FirstCompletionToken : IPreferenceScorer
    {
        public ITokenizer Tokenizer => TinyModels.Tokenizer;

        public Tensor Rewards(SequenceTensors batch) => batch.Tokens[.., 1].to(ScalarType.Float32);
    }

    [Fact]
    public async Task Wins_count_one_ties_one_half_and_losses_nothing_across_batches()
    {
        // 40 pairs (two evaluation batches): 20 won by 2, 12 lost by 5, 8 tied.
        static TokenizedSequence Answer(int token) => new([5, token], PromptLength: 1);
        var pairs = Enumerable.Range(0, 40).Select(i => i switch
        {
            < 20 => (Answer(9), Answer(7)),
            < 32 => (Answer(3), Answer(8)),
            _ => (Answer(4), Answer(4)),
        }).OrderBy(p => p.Item1.Tokens[1] * 31 % 7).ToList();
        using var policy = TinyModels.Policy(1);
        var context = new EvalContext(policy, new FirstCompletionToken(), new PreferenceData(pairs), [], 1, CPU);

        var figures = await new PreferenceAccuracy().RunAsync(context, default);

        Assert.Equal((20 + 0.5 * 8) / 40, figures["preference_accuracy"]!.Value, 6);
        Assert.Equal((20 * 2.0 - 12 * 5.0) / 40, figures["preference_margin"]!.Value, 6);
    }
}
