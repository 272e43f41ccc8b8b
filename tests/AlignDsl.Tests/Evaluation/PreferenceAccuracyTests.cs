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
}
