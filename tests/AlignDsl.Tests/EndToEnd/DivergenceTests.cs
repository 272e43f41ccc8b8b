using AlignDsl.Running;

namespace AlignDsl.Tests.EndToEnd;

/// <summary>A run whose loss goes NaN stops at once, with its own exit code, and is never published as a parent.</summary>
public sealed class DivergenceTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"aligndsl-diverge-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_nan_loss_halts_the_run_marks_it_diverged_and_names_the_last_good_checkpoint()
    {
        var (exitCode, output, error) = await Host.RunAsync("run", "test-diverge", "--out", _root, "--device", "cpu");
        Assert.True(exitCode == RunDivergedException.ExitCode, $"exit {exitCode}: {error}\n{output}");
        Assert.Contains("test-diverge diverged", error);
        var run = Directory.GetDirectories(Path.Combine(_root, "test-diverge")).Single();
        Assert.EndsWith(RunStore.IncompleteSuffix, run);
        var summary = Host.Summary(run);
        Assert.Equal(RunStatus.Diverged, summary["status"]!.GetValue<string>());
        var lastGood = summary["last_checkpoint"]!.GetValue<string>();
        Assert.Contains($"Last good checkpoint: {lastGood}", error);
        // It stopped at the step it diverged, long before its 20 steps.
        var step = summary["last_checkpoint_step"]!.GetValue<int>();
        Assert.True(step < 20, $"last checkpoint at step {step}");
        Assert.Contains($"at step {step + 1}", error);
        Assert.DoesNotContain("✔", output);
        Assert.Null(new RunStore(_root).LatestCheckpoint("test-diverge"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
