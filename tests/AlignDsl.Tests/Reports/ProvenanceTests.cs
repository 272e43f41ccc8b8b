using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AlignDsl.Reporting;
using AlignDsl.Running;
using AlignDsl.Tests.EndToEnd;

namespace AlignDsl.Tests.Reports;

/// <summary>summary.json, report.md and describe record every setting and where the run's inputs came from.</summary>
public sealed class ProvenanceTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"aligndsl-provenance-{Guid.NewGuid():N}");

    [Fact]
    public async Task Summary_and_report_record_every_setting_overrides_seed_device_judge_and_versions()
    {
        var (exitCode, _, error) = await Host.RunAsync("run", "test-resume-sft", "--lr", "0.001", "--seed", "5", "--out", _root, "--device", "cpu");
        Assert.True(exitCode == 0, error);
        var run = Host.Runs(_root, "test-resume-sft").Single();
        var summary = Host.Summary(run);
        Assert.Equal(RunStatus.Finished, summary["status"]!.GetValue<string>());
        var provenance = summary["provenance"]!;
        var settings = provenance["hyperparameters"]!.AsObject();
        // Declared, default and overridden settings alike.
        Assert.Equal(12, settings["Steps"]!.GetValue<double>());
        Assert.Equal(0.001, settings["LearningRate"]!.GetValue<double>());
        Assert.Equal(5, settings["Seed"]!.GetValue<double>());
        Assert.Equal(4, settings["CheckpointEvery"]!.GetValue<double>());
        Assert.Equal(global::AlignDsl.Declarations.Defaults.WeightDecay, settings["WeightDecay"]!.GetValue<double>());
        Assert.Equal(["LearningRate", "Seed"], provenance["overrides"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Equal("cpu", provenance["device"]!.GetValue<string>());
        Assert.Equal("fp32", provenance["precision"]!.GetValue<string>());
        Assert.Equal("gym", provenance["judge"]!["kind"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(provenance["aligndsl_version"]!.GetValue<string>()));
        // The tests run inside this repository's work tree, so its commit is known.
        Assert.Matches("^[0-9a-f]{40}$", provenance["git_commit"]!.GetValue<string>());

        var report = File.ReadAllText(Path.Combine(run, "report.md"));
        Assert.Contains("## Settings and provenance", report);
        Assert.Contains("| LearningRate | 0.001 (command line) |", report);
        Assert.Contains("| WarmupSteps | 2 |", report);
    }

    [Fact]
    public void Data_files_are_recorded_with_rows_and_sha256()
    {
        Directory.CreateDirectory(_root);
        var file = Path.Combine(_root, "pairs.jsonl");
        File.WriteAllText(file, "{\"a\":1}\n\n{\"a\":2}\n");
        // A file read twice (training and its held-out tenth) is recorded once.
        var provenance = RunProvenance.Collect(TestResumeSft.Descriptor, new RunOptions(), 42, 12, null, null, "cpu", new Dictionary<string, string>(), [file, file]);
        var data = Assert.Single(provenance.DataFiles);
        Assert.Equal(2, data.Rows);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))), data.Sha256);
        Assert.Empty(provenance.Overrides);
    }

    [Fact]
    public async Task Describe_shows_every_setting_beta_included()
    {
        var (exitCode, output, _) = await Host.RunAsync("describe", "test-dpo");
        Assert.Equal(0, exitCode);
        Assert.Contains("Beta 0.1", output);
        Assert.Contains("WarmupSteps 10", output);
        Assert.Contains("CheckpointEvery " + global::AlignDsl.Declarations.Defaults.CheckpointEvery, output);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
