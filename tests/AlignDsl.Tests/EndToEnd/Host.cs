using System.Text.Json.Nodes;
using AlignDsl.Generated;
using AlignDsl.Hosting;

namespace AlignDsl.Tests.EndToEnd;

/// <summary>Runs the command-line host in-process on this assembly's generated experiments.</summary>
internal static class Host
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await ExperimentHost.RunAsync(args, GeneratedExperiments.All, "test-dpo", output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Complete run folders of <paramref name="experiment"/>, oldest first.</summary>
    public static string[] Runs(string root, string experiment) =>
        Directory.GetDirectories(Path.Combine(root, experiment)).Order(StringComparer.Ordinal).ToArray();

    public static JsonNode Summary(string runDirectory) => JsonNode.Parse(File.ReadAllText(Path.Combine(runDirectory, "summary.json")))!;
}

/// <summary>One SFT run and one DPO run from it, shared by the end-to-end tests (the slow part, done once).</summary>
public sealed class TrainedPipeline : IAsyncLifetime
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"aligndsl-e2e-{Guid.NewGuid():N}");
    public string Output { get; private set; } = "";

    /// <summary>The run folders of this pipeline (other tests may add more runs under <see cref="Root"/>).</summary>
    public string SftRun { get; private set; } = "";
    public string DpoRun { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var (exitCode, output, error) = await Host.RunAsync("run", "test-dpo", "--out", Root, "--device", "cpu");
        Output = output;
        Assert.True(exitCode == 0, $"exit code {exitCode}: {error}\n{output}");
        SftRun = Host.Runs(Root, "test-sft").Single();
        DpoRun = Host.Runs(Root, "test-dpo").Single();
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class TrainingCollection : ICollectionFixture<TrainedPipeline>
{
    public const string Name = "training";
}
