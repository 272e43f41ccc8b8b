using AlignDsl.Chat;
using AlignDsl.Hosting;
using AlignDsl.Models;
using AlignDsl.Running;
using AlignDsl.Tests.EndToEnd;

namespace AlignDsl.Tests.Hosting;

/// <summary>
/// <c>publish</c> copies a finished run's model to a folder of its own, which another experiment then declares as
/// <c>Pretrained</c>: same weights, same tokenizer, the chat template the run trained with, and the run's summary.
/// </summary>
public sealed class PublishCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "aligndsl-publish-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    /// <summary>A finished run of test-llama-sft: the pretrained fixture with ChatML, saved as a run saves it, and a summary.</summary>
    private string FinishedRun()
    {
        PretrainedTests.WriteFixture();
        var run = Path.Combine(_root, "runs", "test-llama-sft", "20260101-000000-000");
        using var context = new RunContext(TestLlamaSft.Descriptor, new RunOptions { OutputRoot = Path.Combine(_root, "scratch"), Device = "cpu" });
        using var policy = context.LoadPretrained(PretrainedTests.Folder, ChatTemplates.ChatMl);
        policy.Save(Path.Combine(run, RunStore.CheckpointFolder));
        File.WriteAllText(Path.Combine(run, "summary.json"), """{"experiment":"test-llama-sft"}""");
        return run;
    }

    [Fact]
    public async Task A_published_run_loads_as_a_pretrained_model_with_its_template_and_its_record()
    {
        var run = FinishedRun();
        var to = Path.Combine(_root, "models", "llama-sft");

        var (exitCode, output, error) = await Host.RunAsync("publish", "test-llama-sft", "--to", to, "--out", Path.Combine(_root, "runs"));

        Assert.True(exitCode == 0, error);
        Assert.Contains($"Pretrained = \"{to}\"", output);
        Assert.Equal("""{"experiment":"test-llama-sft"}""", File.ReadAllText(Path.Combine(to, PublishCommand.SummaryFile)));
        // Nothing is left beside it: the copy was written under a temporary name and moved into place.
        Assert.Equal(["llama-sft"], Directory.GetFileSystemEntries(Path.Combine(_root, "models")).Select(Path.GetFileName));
        using var context = new RunContext(TestLlamaSft.Descriptor, new RunOptions { OutputRoot = Path.Combine(_root, "scratch"), Device = "cpu" });
        // No template declared: the folder's own, the one the run trained with.
        using var published = context.LoadPretrained(to);
        using var saved = Checkpoint.Load(Path.Combine(run, RunStore.CheckpointFolder), TorchSharp.torch.CPU);
        Assert.Equal(ChatTemplates.ChatMl, published.Chat!.Template.Text);
        var ids = published.Tokenizer.Encode(published.Chat.Prompt("user: How do I bake bread?\nassistant:"));
        Assert.Equal(saved.Tokenizer.Encode(saved.Chat!.Prompt("user: How do I bake bread?\nassistant:")), ids);
        Assert.Equal(TokenScores.Of(saved.Model, ids).LogProbs, TokenScores.Of(published.Model, ids).LogProbs);
    }

    [Fact]
    public async Task A_folder_that_is_not_empty_or_a_model_that_is_not_a_run_is_refused()
    {
        FinishedRun();
        var taken = Path.Combine(_root, "models", "taken");
        Directory.CreateDirectory(taken);
        File.WriteAllText(Path.Combine(taken, "notes.txt"), "mine");

        var notEmpty = await Host.RunAsync("publish", "test-llama-sft", "--to", taken, "--out", Path.Combine(_root, "runs"));
        var notARun = await Host.RunAsync("publish", PretrainedTests.Folder, "--to", Path.Combine(_root, "models", "copy"));
        var unknown = await Host.RunAsync("publish", "no-such-experiment", "--to", Path.Combine(_root, "models", "copy"), "--out", Path.Combine(_root, "runs"));

        Assert.Equal(2, notEmpty.ExitCode);
        Assert.Contains("not empty", notEmpty.Error);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(taken).Select(Path.GetFileName));
        Assert.Equal(2, notARun.ExitCode);
        Assert.Contains("not a checkpoint a run wrote", notARun.Error);
        Assert.Equal(2, unknown.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(_root, "models", "copy")));
    }
}
