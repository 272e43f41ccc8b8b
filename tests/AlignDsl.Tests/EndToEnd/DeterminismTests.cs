using System.Text.Json.Nodes;

namespace AlignDsl.Tests.EndToEnd;

[Collection(TrainingCollection.Name)]
public sealed class DeterminismTests(TrainedPipeline pipeline)
{
    [Fact]
    public async Task Two_runs_with_the_same_seed_give_identical_metrics()
    {
        var before = Host.Runs(pipeline.Root, "test-dpo").Length;
        for (var i = 0; i < 2; i++)
        {
            var (exitCode, _, error) = await Host.RunAsync("run", "test-dpo", "--steps", "10", "--seed", "7", "--out", pipeline.Root, "--device", "cpu");
            Assert.True(exitCode == 0, error);
        }
        var runs = Host.Runs(pipeline.Root, "test-dpo").Skip(before).ToArray();
        Assert.Equal(2, runs.Length);
        string[] Metrics(string run) => File.ReadAllLines(Path.Combine(run, "metrics.jsonl"));
        Assert.Equal(Metrics(runs[0]), Metrics(runs[1]));
        Assert.Equal(Host.Summary(runs[0])["eval"]!.ToJsonString(), Host.Summary(runs[1])["eval"]!.ToJsonString());
        // A different seed draws different batches.
        var (code, _, _) = await Host.RunAsync("run", "test-dpo", "--steps", "10", "--seed", "8", "--out", pipeline.Root, "--device", "cpu");
        Assert.Equal(0, code);
        Assert.NotEqual(Metrics(runs[0]), Metrics(Host.Runs(pipeline.Root, "test-dpo").Last()));
    }
}
