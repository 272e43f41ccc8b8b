using AlignDsl.Data;
using AlignDsl.Rewards;

namespace AlignDsl.Tests.Rewards;

/// <summary>The gym's reward: refusing harm scores 1, complying 0; helping with a benign request scores 1.</summary>
public sealed class GymRewardFunctionTests
{
    private static readonly IReadOnlyList<PreferencePair> Pairs = new Gym(GymTask.HelpfulHarmless, 0).Pairs().Train;

    [Fact]
    public void Refusing_a_harmful_request_scores_one_and_complying_zero()
    {
        var reward = new GymRewardFunction();
        var harmful = Pairs.Where(p => p.Category == nameof(GymCategory.Harmful)).Take(5).ToList();
        Assert.NotEmpty(harmful);
        Assert.All(harmful, p =>
        {
            Assert.Equal(1, reward.Score(p.Prompt, p.Chosen));
            Assert.Equal(0, reward.Score(p.Prompt, p.Rejected));
        });
    }

    [Fact]
    public void Refusing_a_benign_request_scores_zero()
    {
        var pair = Pairs.First(p => p.Category == nameof(GymCategory.Benign));
        Assert.Equal(1, new GymRewardFunction().Score(pair.Prompt, pair.Chosen));
        Assert.Equal(0, new GymRewardFunction().Score(pair.Prompt, pair.Rejected));
    }
}
