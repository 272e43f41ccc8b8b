using AlignDsl.Sweeps;

namespace AlignDsl.Tests.EndToEnd;

/// <summary>
/// <c>sweep NAME</c> runs every member of a sweep with its own β, and writes one frontier (table and plot) into the sweep's
/// folder; <c>run NAME</c> of a sweep does the same.
/// </summary>
public sealed class SweepTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"aligndsl-sweep-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_sweep_runs_each_member_with_its_value_and_draws_them_on_one_frontier()
    {
        var (exitCode, output, error) = await Host.RunAsync("run", "test-dpo-sweep", "--out", _root, "--device", "cpu");
        Assert.True(exitCode == 0, $"exit {exitCode}: {error}\n{output}");

        var kl = new Dictionary<double, double>();
        foreach (var (name, beta) in new[] { ("test-dpo-sweep-beta-0.01", 0.01), ("test-dpo-sweep-beta-5", 5.0) })
        {
            var summary = Host.Summary(Host.Runs(_root, name).Single());
            // The member's own β reached the run: folded in at compile time, recorded in its summary.
            var settings = summary["provenance"]!["hyperparameters"]!.AsObject();
            Assert.Equal(beta, settings["Beta"]!.GetValue<double>());
            kl[beta] = summary["eval"]!["after"]!["kl"]!["kl"]!.GetValue<double>();
        }
        // A weak constraint lets the policy move further from its reference than a strong one.
        Assert.True(kl[0.01] > kl[5.0], $"KL at β 0.01 ({kl[0.01]}) should exceed KL at β 5 ({kl[5.0]})");

        var folder = Host.Runs(_root, "test-dpo-sweep").Single();
        var table = File.ReadAllText(Path.Combine(folder, SweepReport.TableFile));
        Assert.Contains("| Beta | KL |", table);
        Assert.Contains("| 0.01 |", table);
        Assert.Contains("| test-dpo-sweep-beta-5 |", table);
        Assert.Contains("![preference_margin against KL, one point per Beta](frontier.png)", table);
        Assert.True(new FileInfo(Path.Combine(folder, SweepReport.PlotFile)).Length > 0);
        Assert.Contains("frontier: ", output);
    }

    [Fact]
    public async Task Each_member_is_an_experiment_list_and_describe_know()
    {
        var (_, list, _) = await Host.RunAsync("list");
        Assert.Contains("test-dpo-sweep-beta-0.01", list);
        Assert.Contains("test-dpo-sweep-beta-5", list);
        var (exitCode, described, error) = await Host.RunAsync("describe", "test-dpo-sweep-beta-5");
        Assert.True(exitCode == 0, error);
        Assert.Contains("objective     DPO on pairs from gym:HelpfulHarmless: Beta 5 ", described);
        Assert.Contains("sweep         Beta = 5 of the sweep test-dpo-sweep", described);
    }

    [Fact]
    public async Task A_name_that_is_no_sweep_is_a_usage_error_naming_the_sweeps()
    {
        var (exitCode, _, error) = await Host.RunAsync("sweep", "test-dpo-swep", "--out", _root);
        Assert.Equal(2, exitCode);
        Assert.Contains("No sweep named 'test-dpo-swep'", error);
        Assert.Contains("test-dpo-sweep", error);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
