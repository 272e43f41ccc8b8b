using System.Text.Json.Nodes;

namespace AlignDsl.Tests.EndToEnd;

/// <summary>What a run leaves on disk, and what the console shows.</summary>
[Collection(TrainingCollection.Name)]
public sealed class RunFolderTests(TrainedPipeline pipeline)
{
    [Fact]
    public void Run_folder_holds_checkpoint_metrics_tensorboard_and_summary()
    {
        var run = pipeline.DpoRun;
        Assert.True(File.Exists(Path.Combine(run, "checkpoint", "model.safetensors")));
        Assert.True(File.Exists(Path.Combine(run, "checkpoint", "policy.json")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(run, "tensorboard"), "events.out.tfevents.*", SearchOption.AllDirectories));

        var lines = File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        var train = lines.Where(l => l["kind"]!.GetValue<string>() == "train").ToList();
        Assert.Equal(10, train.Count);
        foreach (var name in new[] { "loss", "rewards/chosen", "rewards/rejected", "rewards/margins", "rewards/accuracies", "logps/chosen", "logps/rejected", "grad_norm", "learning_rate" })
            Assert.NotNull(train[^1][name]);
        Assert.Equal(2, lines.Count(l => l["kind"]!.GetValue<string>() == "eval"));
    }

    [Fact]
    public void Summary_has_the_documented_keys()
    {
        var summary = Host.Summary(pipeline.DpoRun);
        Assert.Equal("test-dpo", summary["experiment"]!.GetValue<string>());
        Assert.Equal("dpo", summary["objective"]!.GetValue<string>());
        Assert.Equal("test-sft", summary["init_from"]!.GetValue<string>());
        Assert.Equal(100, summary["steps"]!.GetValue<int>());
        Assert.True(summary["seconds"]!.GetValue<double>() > 0);
        Assert.True(summary["tokens_per_second"]!.GetValue<double>() > 0);
        foreach (var when in new[] { "before", "after" })
            foreach (var key in new[] { "preference_accuracy", "attack_success_rate", "over_refusal_rate" })
                Assert.NotNull(summary["eval"]![when]![key]);
    }

    [Fact]
    public void No_incomplete_folder_is_left_and_the_console_shows_progress_and_the_table()
    {
        Assert.Empty(Directory.GetDirectories(pipeline.Root, "*.incomplete", SearchOption.AllDirectories));
        Assert.Contains("100/100", pipeline.Output);
        Assert.Contains("attack_success_rate", pipeline.Output);
        Assert.Contains("run folder:", pipeline.Output);
    }
}
