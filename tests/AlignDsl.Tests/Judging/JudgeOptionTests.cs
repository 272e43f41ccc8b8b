using AlignDsl.Judging;
using AlignDsl.Tests.EndToEnd;

namespace AlignDsl.Tests.Judging;

public sealed class JudgeOptionTests
{
    [Fact]
    public async Task An_unknown_judge_is_a_bad_command_line()
    {
        var (exitCode, _, error) = await Host.RunAsync("run", "test-dpo", "--judge", "oracle");

        Assert.Equal(2, exitCode);
        Assert.Contains("--judge takes gym or llm (got 'oracle')", error);
    }

    [Fact]
    public async Task An_llm_judge_without_its_settings_fails_before_any_training()
    {
        var saved = Environment.GetEnvironmentVariable(LlmJudgeOptions.EndpointVariable);
        var root = Path.Combine(Path.GetTempPath(), $"aligndsl-judge-{Guid.NewGuid():N}");
        try
        {
            Environment.SetEnvironmentVariable(LlmJudgeOptions.EndpointVariable, null);
            var (exitCode, _, error) = await Host.RunAsync("run", "test-sft", "--judge", "llm", "--out", root);

            Assert.Equal(1, exitCode);
            Assert.Contains(LlmJudgeOptions.EndpointVariable, error);
            Assert.False(Directory.Exists(root));
        }
        finally
        {
            Environment.SetEnvironmentVariable(LlmJudgeOptions.EndpointVariable, saved);
        }
    }
}
