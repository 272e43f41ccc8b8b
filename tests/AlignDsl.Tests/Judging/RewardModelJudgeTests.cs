using AlignDsl.Data;
using AlignDsl.Judging;
using AlignDsl.Models;
using AlignDsl.Tokenization;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Judging;

public sealed class RewardModelJudgeTests
{
    private const int MaxLength = 48;

    private static RewardModel NewRewardModel()
    {
        random.manual_seed(5);
        var tokenizer = CompactTokenizer.FromCorpus(Gym.Corpus());
        var model = new RewardModel(new TinyGpt(new ModelConfig(1, 16, 2, 64, tokenizer.VocabularySize)), tokenizer, CPU);
        // A larger head than initialisation gives, so the two answers' rewards are clearly apart.
        using (no_grad())
            foreach (var parameter in model.Parameters().TakeLast(2)) parameter.mul_(25);
        return model;
    }

    /// <summary>The reward of one answer, scored alone in its own batch.</summary>
    private static double Reward(RewardModel model, string prompt, string answer)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var batch = new SequenceBatch([TokenizedSequence.Create(model.Tokenizer, prompt, answer, MaxLength)]).ToDevice(CPU);
        return model.Rewards(batch).item<float>();
    }

    [Fact]
    public async Task Compare_is_the_sigmoid_of_the_reward_difference()
    {
        using var model = NewRewardModel();
        var judge = new RewardModelJudge(model, MaxLength);
        var comparison = new Comparison("What is the capital of France?", "The capital of France is Paris.", "I can't help with that request.");

        var expected = 1 / (1 + Math.Exp(-(Reward(model, comparison.Prompt, comparison.First) - Reward(model, comparison.Prompt, comparison.Second))));
        var p = await judge.CompareAsync(comparison, default);

        Assert.InRange(Math.Abs(expected - 0.5), 0.05, 0.5);
        Assert.Equal(expected, p, 1e-5);
        Assert.Equal(1 - p, await judge.CompareAsync(comparison.Swapped(), default), 1e-5);
        Assert.Equal(0.5, await judge.CompareAsync(comparison with { Second = comparison.First }, default), 1e-6);
    }

    [Fact]
    public async Task A_reward_model_cannot_classify_and_says_what_to_use_instead()
    {
        using var model = NewRewardModel();
        var judge = new RewardModelJudge(model);

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => judge.ClassifyAsync("p", "a", default));

        Assert.Contains("gym", error.Message);
        Assert.Contains("LLM judge", error.Message);
    }
}
