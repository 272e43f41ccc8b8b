using System.Text.Json.Nodes;

namespace AlignDsl.Tests.EndToEnd;

/// <summary>
/// A generated PPO loop scores each answer by the weighted sum of its rewards: at every logged step the total
/// (objective/scores) is the weights times each reward's own mean (rewards/&lt;name&gt;/mean), and the run's summary and
/// <c>describe</c> list the rewards with their weights.
/// </summary>
public sealed class WeightedRewardsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"aligndsl-rewards-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task The_logged_total_is_the_weighted_sum_of_each_reward_s_mean()
    {
        var (exitCode, output, error) = await Host.RunAsync("run", "test-weighted-rewards-ppo", "--out", _root, "--device", "cpu");
        Assert.True(exitCode == 0, $"exit {exitCode}: {error}\n{output}");
        var run = Host.Runs(_root, "test-weighted-rewards-ppo").Single();

        var steps = File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Select(l => JsonNode.Parse(l)!)
            .Where(m => m["objective/scores"] is not null).ToList();
        Assert.Equal(3, steps.Count);
        var dense = new List<double>();
        foreach (var step in steps)
        {
            double Read(string name) => step[name]!.GetValue<double>();
            dense.Add(Read("rewards/Dense/mean"));
            Assert.Equal(0.5 * Read("rewards/GymRewardFunction/mean") + 2 * Read("rewards/Dense/mean"), Read("objective/scores"), 4);
        }
        // The parts are real scores of sampled answers, not constants.
        Assert.All(dense, d => Assert.InRange(d, 0.0, 1.0));

        var rewards = Host.Summary(run)["provenance"]!["objective"]!["rewards"]!;
        Assert.Equal("""[{"name":"GymRewardFunction","weight":0.5,"kind":"function"},{"name":"Dense","weight":2,"kind":"method"}]""", rewards.ToJsonString());

        Assert.Contains("Reward: 0.5 × GymRewardFunction (reward function) + 2 × Dense (method).", File.ReadAllText(Path.Combine(run, "report.md")));

        var (_, described, _) = await Host.RunAsync("describe", "test-weighted-rewards-ppo");
        Assert.Contains("rewards       0.5 × GymRewardFunction (reward function) + 2 × Dense (method)", described);
        var (_, listed, _) = await Host.RunAsync("list", "--json");
        var entry = JsonNode.Parse(listed)!.AsArray().Single(e => e!["name"]!.GetValue<string>() == "test-weighted-rewards-ppo")!;
        Assert.Equal(rewards.ToJsonString(), entry["rewards"]!.ToJsonString());
    }
}
