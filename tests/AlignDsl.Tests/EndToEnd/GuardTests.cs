using AlignDsl.Running;

namespace AlignDsl.Tests.EndToEnd;

/// <summary>
/// PPO's failure-mode guards on real runs: a run paid for length with a weak KL penalty is halted by its guard (exit 4,
/// <c>halted_by_guard</c>, a checkpoint of the halting step kept), and a healthy run finishes with no guard fired.
/// </summary>
public sealed class GuardTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"aligndsl-guards-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_run_its_guard_halts_stops_with_exit_code_4_and_keeps_a_checkpoint_of_that_step()
    {
        var (exitCode, output, error) = await Host.RunAsync("run", "test-guard-halt", "--out", _root, "--device", "cpu");
        Assert.True(exitCode == 4, $"exit {exitCode}: {error}\n{output}");
        Assert.Contains("KL explosion", error);
        var run = Assert.Single(Directory.GetDirectories(Path.Combine(_root, "test-guard-halt")));
        Assert.EndsWith(RunStore.IncompleteSuffix, run);
        var summary = Host.Summary(run);
        Assert.Equal(RunStatus.HaltedByGuard, summary["status"]!.GetValue<string>());
        var fired = summary["guards"]!["fired"]!.AsArray();
        // The KL explosion guard alone, by one of its signals or both (max_kl and kl_growth can cross at the same step).
        Assert.NotEmpty(fired);
        Assert.All(fired, f => Assert.Equal("kl_explosion", f!["guard"]!.GetValue<string>()));
        var step = fired[0]!["first_step"]!.GetValue<int>();
        Assert.All(fired, f => Assert.Equal(step, f!["first_step"]!.GetValue<int>()));
        Assert.InRange(step, 1, 7);
        Assert.Equal(step, summary["last_checkpoint_step"]!.GetValue<int>());
        Assert.True(File.Exists(Path.Combine(run, "checkpoints", $"step-{step:000000}", "model", "model.safetensors")));
        Assert.Equal("halt", summary["guards"]!["action"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_healthy_ppo_run_finishes_with_its_guards_watching_and_none_fired()
    {
        var (exitCode, output, error) = await Host.RunAsync("run", "test-resume-ppo", "--out", _root, "--device", "cpu");
        Assert.True(exitCode == 0, $"exit {exitCode}: {error}\n{output}");
        var run = Host.Runs(_root, "test-resume-ppo").Single();
        var guards = Host.Summary(run)["guards"]!;
        Assert.Equal("warn", guards["action"]!.GetValue<string>());
        Assert.Equal(20.0, guards["bounds"]!["MaxKl"]!.GetValue<double>());
        Assert.Empty(guards["fired"]!.AsArray());
        Assert.Contains("No guard fired.", File.ReadAllText(Path.Combine(run, "report.md")));
        // The figures the collapse and reward-hacking guards read are logged with the others.
        var metrics = File.ReadAllText(Path.Combine(run, "metrics.jsonl"));
        Assert.Contains("\"objective/entropy\"", metrics);
        Assert.Contains("\"rollout/distinct_ratio\"", metrics);
        Assert.Contains("\"rollout/response_length\"", metrics);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
