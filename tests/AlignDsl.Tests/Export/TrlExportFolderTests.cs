using System.Text.Json.Nodes;
using AlignDsl.Export;
using AlignDsl.Models;
using AlignDsl.Running;
using AlignDsl.Tests.EndToEnd;
using AlignDsl.Tests.Evaluation;

namespace AlignDsl.Tests.Export;

/// <summary>
/// <c>export</c> writes a whole folder (script, accelerate config, TRL data, starting model, manifest) from finished local
/// runs; <c>import</c> brings a TRL output folder back as a finished run of the experiment, which children can start from.
/// </summary>
public sealed class TrlExportFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("aligndsl-export-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Runs => Path.Combine(_root, "runs");

    /// <summary>A finished run of <paramref name="experiment"/> holding a tiny gym policy (or reward model).</summary>
    private static void FinishedRun(string runs, string experiment, bool rewardModel = false)
    {
        var checkpoint = Path.Combine(runs, experiment, "20260101-000000-000", RunStore.CheckpointFolder);
        using var policy = TinyModels.Policy(7);
        if (rewardModel)
        {
            using var model = RewardModel.FromPolicy(policy);
            model.Save(checkpoint);
        }
        else policy.Save(checkpoint);
    }

    /// <summary>
    /// What TRL leaves in an export's output_dir: a trained model in the Hugging Face layout (without AlignDsl's
    /// policy.json) and trainer_state.json with <paramref name="logHistory"/>. Returns the folder; the caller disposes the model.
    /// </summary>
    private static (string Output, Policy Trained) TrlOutput(string export, string logHistory)
    {
        var output = Path.Combine(export, TrlExporter.OutputFolder);
        var trained = TinyModels.Policy(11);
        trained.Save(output);
        File.Delete(Path.Combine(output, Checkpoint.TokenizerFile));
        File.WriteAllText(Path.Combine(output, TrlImporter.TrainerStateFile), $$"""{"global_step": 20, "log_history": {{logHistory}}}""");
        return (output, trained);
    }

    [Fact]
    public void Export_writes_the_folder_with_the_gym_s_pairs_and_the_parent_s_model()
    {
        FinishedRun(Runs, "test-sft");
        var folder = Path.Combine(_root, "export");

        var recipe = TrlExporter.Export(TestDpo.Descriptor, new ExportOptions(folder, DistributedStrategy.Zero3, 8, Runs));

        Assert.Equal("DPOTrainer", recipe.Trainer);
        foreach (var file in new[] { "train.py", "accelerate_config.yaml", "requirements.txt", "README.md", TrlExporter.ManifestFile, "model/config.json", "model/model.safetensors" })
            Assert.True(File.Exists(Path.Combine(folder, file)), file);
        var train = File.ReadAllLines(Path.Combine(folder, TrlExporter.TrainData));
        var eval = File.ReadAllLines(Path.Combine(folder, TrlExporter.EvalData));
        var gym = new AlignDsl.Data.Gym(AlignDsl.Data.GymTask.HelpfulHarmless, TestDpo.Descriptor.Training.Seed).Pairs();
        Assert.Equal(gym.Train.Count, train.Length);
        Assert.Equal(gym.HeldOut.Count, eval.Length);
        var first = JsonNode.Parse(train[0])!.AsObject();
        Assert.Equal(["prompt", "chosen", "rejected"], first.Select(p => p.Key));
        Assert.Equal(gym.Train[0].Chosen, first["chosen"]!.GetValue<string>());
        var yaml = File.ReadAllText(Path.Combine(folder, "accelerate_config.yaml"));
        Assert.Contains("zero_stage: 3", yaml, StringComparison.Ordinal);
        Assert.Contains("num_processes: 8", yaml, StringComparison.Ordinal);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, TrlExporter.ManifestFile)))!;
        Assert.Equal("test-dpo", manifest["experiment"]!.GetValue<string>());
        Assert.Equal(2, manifest["config"]!["per_device_train_batch_size"]!.GetValue<int>());
        // The gym's compact vocabulary has no tokenizer.json: the README says so rather than leaving TRL to fail.
        Assert.Contains("AutoTokenizer cannot load it", File.ReadAllText(Path.Combine(folder, "README.md")), StringComparison.Ordinal);
        Assert.Contains(recipe.Notes, n => n.Contains("AutoTokenizer cannot load it", StringComparison.Ordinal));
    }

    [Fact]
    public void Export_refuses_a_missing_parent_run_and_a_non_empty_folder_and_leaves_nothing_behind()
    {
        var folder = Path.Combine(_root, "export");
        var missing = Assert.Throws<FileNotFoundException>(() => TrlExporter.Export(TestDpo.Descriptor, new ExportOptions(folder, RunsRoot: Runs)));
        Assert.Contains("run test-sft", missing.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
        Assert.Empty(Directory.GetDirectories(_root, "export*"));

        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "keep.txt"), "");
        FinishedRun(Runs, "test-sft");
        Assert.Throws<IOException>(() => TrlExporter.Export(TestDpo.Descriptor, new ExportOptions(folder, RunsRoot: Runs)));
        Assert.True(File.Exists(Path.Combine(folder, "keep.txt")));
    }

    [Fact]
    public void Ppo_exports_the_reward_model_of_the_experiment_it_is_rewarded_by()
    {
        FinishedRun(Runs, "test-sft");
        FinishedRun(Runs, "test-rm", rewardModel: true);
        var folder = Path.Combine(_root, "ppo");

        TrlExporter.Export(TestPpo.Descriptor, new ExportOptions(folder, RunsRoot: Runs));

        Assert.True(File.Exists(Path.Combine(folder, TrlExporter.RewardModelFolder, "model.safetensors")));
        Assert.Equal(["prompt"], JsonNode.Parse(File.ReadLines(Path.Combine(folder, TrlExporter.TrainData)).First())!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Import_brings_a_TRL_output_folder_back_as_a_finished_run_children_can_start_from()
    {
        FinishedRun(Runs, "test-sft");
        var export = Path.Combine(_root, "export");
        TrlExporter.Export(TestDpo.Descriptor, new ExportOptions(export, RunsRoot: Runs));
        var (output, trained) = TrlOutput(export, """
            [
              {"epoch": 0.5, "step": 10, "loss": 0.69, "rewards/chosen": 0.01, "learning_rate": 3e-05},
              {"epoch": 1.0, "step": 20, "eval_loss": 0.6, "eval_rewards/accuracies": 0.75},
              {"epoch": 1.0, "step": 20, "loss": 0.52, "rewards/margins": 0.4},
              {"train_runtime": 12.5, "step": 20, "epoch": 1.0}
            ]
            """);
        using var _ = trained;

        var run = TrlImporter.Import(output, TestDpo.Descriptor, Runs);

        Assert.False(run.EndsWith(RunStore.IncompleteSuffix, StringComparison.Ordinal));
        Assert.Equal(Path.Combine(run, RunStore.CheckpointFolder), new RunStore(Runs).LatestCheckpoint("test-dpo"));
        var lines = File.ReadAllLines(Path.Combine(run, AlignDsl.Reporting.RunLog.FileName)).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["train", "eval", "train", "train"], lines.Select(l => l["kind"]!.GetValue<string>()));
        Assert.Equal(0.75, lines[1]["rewards/accuracies"]!.GetValue<double>());
        Assert.Equal(0.52, lines[2]["loss"]!.GetValue<double>());
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(run, AlignDsl.Reporting.RunSummary.FileName)))!;
        Assert.Equal(RunStatus.Finished, summary["status"]!.GetValue<string>());
        Assert.Equal("trl", summary["provenance"]!["engine"]!.GetValue<string>());
        Assert.Equal("test-dpo", summary["provenance"]!["export"]!["experiment"]!.GetValue<string>());

        // The imported model is the trained one, with its vocabulary brought back from the export.
        using var loaded = Checkpoint.Load(Path.Combine(run, RunStore.CheckpointFolder), TorchSharp.torch.CPU);
        int[] ids = [1, 5, 9, 3];
        Assert.Equal(TokenScores.Of(trained.Model, ids).LogProbs, TokenScores.Of(loaded.Model, ids).LogProbs);
    }

    [Fact]
    public void Import_as_another_experiment_than_the_export_s_is_refused()
    {
        FinishedRun(Runs, "test-sft");
        var export = Path.Combine(_root, "export");
        TrlExporter.Export(TestDpo.Descriptor, new ExportOptions(export, RunsRoot: Runs));
        var (output, trained) = TrlOutput(export, "[]");
        trained.Dispose();

        var error = Assert.Throws<ArgumentException>(() => TrlImporter.Import(output, TestIpo.Descriptor, Runs));
        Assert.Contains("--as test-dpo", error.Message, StringComparison.Ordinal);
        Assert.Null(new RunStore(Runs).LatestCheckpoint("test-ipo"));
    }

    [Fact]
    public async Task Export_import_evaluate_round_trip_through_the_command_line()
    {
        FinishedRun(Runs, "test-sft");
        var export = Path.Combine(_root, "export");
        var exported = await Host.RunAsync("export", "test-ipo", "--to", "trl", "--out", export, "--runs", Runs, "--gpus", "2", "--strategy", "fsdp");
        Assert.True(exported.ExitCode == 0, exported.Error);
        Assert.Contains("fsdp_sharding_strategy: FULL_SHARD", File.ReadAllText(Path.Combine(export, "accelerate_config.yaml")), StringComparison.Ordinal);
        var (output, trained) = TrlOutput(export, """[{"step": 5, "loss": 0.7}]""");
        using var _ = trained;

        var imported = await Host.RunAsync("import", output, "--as", "test-ipo", "--out", Runs);
        Assert.True(imported.ExitCode == 0, imported.Error);
        var importedRun = Host.Runs(Runs, "test-ipo").Single();
        var evaluated = await Host.RunAsync("evaluate", importedRun, "--out", Runs, "--device", "cpu");

        Assert.True(evaluated.ExitCode == 0, evaluated.Error + evaluated.Output);
        var evaluationRun = Host.Runs(Runs, "test-ipo").Single(r => r != importedRun);
        var summary = Host.Summary(evaluationRun);
        Assert.Equal(Path.Combine(importedRun, RunStore.CheckpointFolder), summary["provenance"]!["evaluated_weights"]!.GetValue<string>());
        Assert.NotNull(summary["eval"]!["after"]!["attack_success_rate"]);
        // The run scored the imported weights, not its starting point's, and trained nothing.
        using var scored = Checkpoint.Load(Path.Combine(evaluationRun, RunStore.CheckpointFolder), TorchSharp.torch.CPU);
        int[] ids = [1, 5, 9, 3];
        Assert.Equal(TokenScores.Of(trained.Model, ids).LogProbs, TokenScores.Of(scored.Model, ids).LogProbs);
        Assert.DoesNotContain("\"kind\":\"train\"", File.ReadAllText(Path.Combine(evaluationRun, AlignDsl.Reporting.RunLog.FileName)), StringComparison.Ordinal);
    }
}
