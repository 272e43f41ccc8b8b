using AlignDsl.Data;
using AlignDsl.Reporting;
using AlignDsl.Rewards;
using AlignDsl.Training;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Rewards;

/// <summary>Several rewards as one: each answer's score is the weighted sum, and each reward's mean is logged under its own name.</summary>
public sealed class WeightedRewardsTests
{
    private sealed class Length : IRewardFunction
    {
        public double Score(string prompt, string answer) => answer.Length;
    }

    private static double Shouts(string prompt, string completion) => completion.Count(c => c == '!');

    /// <summary>A rollout of three answers; its tokens do not matter to rewards computed from the text.</summary>
    private static Rollout Rollout()
    {
        var sequences = Enumerable.Range(0, 3).Select(_ => new TokenizedSequence([5, 6, 7], PromptLength: 2)).ToList();
        var batch = new SequenceBatch(sequences);
        return new Rollout(["a", "b", "c"], ["ok", "yes!!", "!"], sequences, batch.ToDevice(CPU), batch.TokenCount);
    }

    [Fact]
    public void Each_answer_scores_the_weighted_sum_and_each_reward_is_logged()
    {
        var rewards = new WeightedRewards(WeightedReward.Function("Length", 0.5, new Length()), WeightedReward.Method("Shouts", 2, Shouts));
        using var metrics = new MetricSet();

        var scores = rewards.Score(Rollout(), metrics).data<float>().ToArray();

        // Lengths 2, 5, 1 and exclamation marks 0, 2, 1.
        Assert.Equal([0.5f * 2 + 2 * 0, 0.5f * 5 + 2 * 2, 0.5f * 1 + 2 * 1], scores);
        metrics.EndStep(1);
        var means = metrics.ReadMeans();
        Assert.Equal(8 / 3.0, means[WeightedRewards.MetricOf("Length")], 5);
        Assert.Equal(1.0, means[WeightedRewards.MetricOf("Shouts")], 5);
        Assert.Equal("rewards/Shouts/mean", WeightedRewards.MetricOf("Shouts"));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void A_weight_that_is_not_a_finite_number_above_0_is_refused(double weight)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WeightedRewards(WeightedReward.Method("Shouts", weight, Shouts)));
    }

    [Fact]
    public void Two_rewards_of_one_name_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new WeightedRewards(WeightedReward.Method("Shouts", 1, Shouts), WeightedReward.Function("Shouts", 1, new Length())));
        Assert.Contains("'Shouts'", error.Message);
        Assert.Throws<ArgumentException>(() => new WeightedRewards());
    }

    [Fact]
    public void The_gym_reward_method_is_the_gym_reward_function()
    {
        var pairs = new Gym(GymTask.HelpfulHarmless, 3).Pairs().Train.Take(20).ToList();
        Assert.All(pairs, p =>
        {
            Assert.Equal(new GymRewardFunction().Score(p.Prompt, p.Chosen), GymRewards.Correct(p.Prompt, p.Chosen));
            Assert.True(GymRewards.Correct(p.Prompt, p.Chosen) > GymRewards.Correct(p.Prompt, p.Rejected), p.Prompt);
        });
    }
}
