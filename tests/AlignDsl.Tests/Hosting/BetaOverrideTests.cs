using AlignDsl.Tests.EndToEnd;

namespace AlignDsl.Tests.Hosting;

/// <summary><c>--beta</c>: checked by the declaration's rule, refused by objectives without β, used and recorded by those with one.</summary>
public sealed class BetaOverrideTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"aligndsl-beta-{Guid.NewGuid():N}");

    [Fact]
    public async Task An_objective_without_beta_refuses_it_as_a_bad_command_line()
    {
        var (exitCode, output, error) = await Host.RunAsync("run", "test-resume-sft", "--beta", "0.2", "--out", _root, "--device", "cpu");
        Assert.Equal(2, exitCode);
        Assert.Contains("--beta: test-resume-sft trains SFT, which has no β to override: drop --beta (DPO, IPO, SimPO, KTO, PPO, GRPO and RLOO have one)", error);
        Assert.False(Directory.Exists(Path.Combine(_root, "test-resume-sft")), output);
    }

    [Fact]
    public async Task A_beta_the_declaration_rule_refuses_is_a_bad_command_line_before_anything_trains()
    {
        var (exitCode, _, error) = await Host.RunAsync("run", "test-resume-ppo", "--beta", "0", "--out", _root, "--device", "cpu");
        Assert.Equal(2, exitCode);
        Assert.Contains("ALIGN004: KlCoefficient must be greater than 0 (got 0)", error);
        // Not even the parent SFT run was trained.
        Assert.False(Directory.Exists(Path.Combine(_root, "test-resume-sft")));
    }

    [Fact]
    public async Task Ppo_trains_with_the_overridden_kl_coefficient_and_records_it()
    {
        var (exitCode, output, error) = await Host.RunAsync("run", "test-resume-ppo", "--out", _root, "--device", "cpu");
        Assert.True(exitCode == 0, error + output);
        (exitCode, output, error) = await Host.RunAsync("run", "test-resume-ppo", "--beta", "0.2", "--out", _root, "--device", "cpu");
        Assert.True(exitCode == 0, error + output);
        var (declared, overridden) = (Host.Runs(_root, "test-resume-ppo")[0], Host.Runs(_root, "test-resume-ppo")[1]);

        var provenance = Host.Summary(overridden)["provenance"]!;
        Assert.Equal(0.2, provenance["hyperparameters"]!["KlCoefficient"]!.GetValue<double>());
        Assert.Contains("KlCoefficient", provenance["overrides"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Equal(0.05, Host.Summary(declared)["provenance"]!["hyperparameters"]!["KlCoefficient"]!.GetValue<double>());
        // The objective's own settings, as the run used them, in summary.json and report.md.
        Assert.Equal("PPO", provenance["objective"]!["name"]!.GetValue<string>());
        Assert.Equal(0.2, provenance["objective"]!["settings"]!["KlCoefficient"]!.GetValue<double>());
        Assert.Equal(0.2, provenance["objective"]!["settings"]!["ValueClipRange"]!.GetValue<double>());
        Assert.Contains("Objective: PPO, KlCoefficient 0.2 (command line), ClipRange 0.2, ValueClipRange 0.2,", File.ReadAllText(Path.Combine(overridden, "report.md")));
        Assert.Contains("Objective: PPO, KlCoefficient 0.05, ", File.ReadAllText(Path.Combine(declared, "report.md")));
        // A four times stronger KL penalty trains other weights from the same seed.
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(declared, "checkpoint", "model.safetensors")),
            File.ReadAllBytes(Path.Combine(overridden, "checkpoint", "model.safetensors")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
