using AlignDsl.Tests.EndToEnd;

namespace AlignDsl.Tests.Hosting;

/// <summary>Operator mistakes: one clear line on the error stream, the documented exit code, never a stack trace, nothing trained.</summary>
public sealed class OperatorErrorTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"aligndsl-operator-{Guid.NewGuid():N}");

    private static void AssertOneLine(string error)
    {
        Assert.StartsWith("error: ", error);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task An_unknown_flag_given_last_is_named_as_unknown()
    {
        var (exitCode, _, error) = await Host.RunAsync("run", "test-dpo", "--out", _root, "--bogus");
        Assert.Equal(2, exitCode);
        AssertOneLine(error);
        Assert.Contains("--bogus", error);
        Assert.DoesNotContain("needs a value", error);
    }

    [Fact]
    public async Task A_mistyped_option_gets_a_suggestion()
    {
        var (exitCode, _, error) = await Host.RunAsync("run", "test-dpo", "--stpes", "3", "--out", _root);
        Assert.Equal(2, exitCode);
        AssertOneLine(error);
        Assert.Contains("Did you mean --steps", error);
    }

    [Fact]
    public async Task A_mistyped_experiment_gets_a_suggestion()
    {
        var (exitCode, _, error) = await Host.RunAsync("run", "test-dpp", "--out", _root);
        Assert.Equal(2, exitCode);
        Assert.Contains("Did you mean test-dpo", error);
    }

    [Theory]
    [InlineData("--lr", "0", "ALIGN")]
    [InlineData("--batch-size", "0", "ALIGN007")]
    [InlineData("--steps", "-1", "ALIGN007")]
    [InlineData("--threads", "0", "ALIGN007")]
    [InlineData("--device", "tpu", "tpu")]
    public async Task An_override_is_checked_by_the_declaration_s_rule_before_anything_trains(string option, string value, string expected)
    {
        var (exitCode, _, error) = await Host.RunAsync("run", "test-dpo", option, value, "--out", _root);
        Assert.Equal(2, exitCode);
        AssertOneLine(error);
        Assert.Contains(expected, error);
        Assert.False(Directory.Exists(Path.Combine(_root, "test-sft")));
    }

    [Fact]
    public async Task An_out_that_is_a_file_is_a_bad_command_line()
    {
        Directory.CreateDirectory(_root);
        var file = Path.Combine(_root, "a-file");
        File.WriteAllText(file, "");
        var (exitCode, _, error) = await Host.RunAsync("run", "test-resume-sft", "--out", file);
        Assert.Equal(2, exitCode);
        AssertOneLine(error);
        Assert.Contains("is a file", error);
    }

    [Fact]
    public async Task A_missing_data_file_down_the_chain_fails_before_the_parent_trains()
    {
        var (exitCode, _, error) = await Host.RunAsync("run", "test-missing-data", "--out", _root, "--device", "cpu");
        Assert.Equal(1, exitCode);
        AssertOneLine(error);
        Assert.Contains("no-such-pairs.jsonl", error);
        Assert.False(Directory.Exists(Path.Combine(_root, "test-resume-sft")));
    }

    [Fact]
    public async Task Every_verb_has_help()
    {
        foreach (var verb in new[] { "run", "list", "describe", "runs" })
        {
            var (exitCode, output, _) = await Host.RunAsync(verb, "--help");
            Assert.Equal(0, exitCode);
            Assert.Contains("Usage:", output);
        }
        var (_, runHelp, _) = await Host.RunAsync("run", "--help");
        foreach (var option in new[] { "--steps", "--lr", "--batch-size", "--threads", "--resume", "--judge" }) Assert.Contains(option, runHelp);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
