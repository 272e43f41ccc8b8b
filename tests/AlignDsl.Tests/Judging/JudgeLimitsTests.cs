using AlignDsl.Judging;

namespace AlignDsl.Tests.Judging;

/// <summary>The LLM judge's timeout, retries and reply-size cap come from the environment or the command line; an over-cap reply is refused.</summary>
public sealed class JudgeLimitsTests
{
    private static Dictionary<string, string?> Variables(string? timeout = null, string? retries = null, string? cap = null) => new()
    {
        [LlmJudgeOptions.EndpointVariable] = "http://127.0.0.1:8000/v1",
        [LlmJudgeOptions.ModelVariable] = "qwen",
        [LlmJudgeOptions.TimeoutVariable] = timeout,
        [LlmJudgeOptions.RetriesVariable] = retries,
        [LlmJudgeOptions.MaxReplyBytesVariable] = cap,
    };

    [Fact]
    public void Timeout_retries_and_cap_come_from_the_environment_and_the_command_line_wins()
    {
        var options = LlmJudgeOptions.FromVariables(Variables("2.5", "0", "4096"));
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.Timeout);
        Assert.Equal(0, options.MaxRetries);
        Assert.Equal(4096, options.MaxReplyBytes);
        var overridden = options.With(timeoutSeconds: 7, retries: null, maxReplyBytes: 100);
        Assert.Equal(TimeSpan.FromSeconds(7), overridden.Timeout);
        Assert.Equal(0, overridden.MaxRetries);
        Assert.Equal(100, overridden.MaxReplyBytes);
    }

    [Theory]
    [InlineData("0", null, null, LlmJudgeOptions.TimeoutVariable)]
    [InlineData(null, "-1", null, LlmJudgeOptions.RetriesVariable)]
    [InlineData(null, "1.5", null, LlmJudgeOptions.RetriesVariable)]
    [InlineData(null, null, "lots", LlmJudgeOptions.MaxReplyBytesVariable)]
    public void A_bad_value_names_its_variable(string? timeout, string? retries, string? cap, string variable)
    {
        var error = Assert.Throws<InvalidOperationException>(() => LlmJudgeOptions.FromVariables(Variables(timeout, retries, cap)));
        Assert.Contains(variable, error.Message);
    }

    [Fact]
    public async Task A_reply_over_the_cap_is_refused()
    {
        var huge = FakeReply.Content(new string('A', 200_000));
        await using var server = FakeChatServer.Always(huge);
        using var judge = new LlmJudge(new LlmJudgeOptions
        {
            Endpoint = server.Endpoint, Model = "judge-model", MaxRetries = 0, MaxReplyBytes = 10_000, Timeout = TimeSpan.FromSeconds(5),
        });
        var error = await Assert.ThrowsAsync<JudgeException>(() => judge.CompareAsync(new Comparison("q", "a", "b"), default));
        Assert.Contains("10000-byte cap", error.Message);

        // The same reply under a cap it fits is read as usual (its label is unusable, which is another error).
        using var roomy = new LlmJudge(new LlmJudgeOptions { Endpoint = server.Endpoint, Model = "judge-model", MaxRetries = 0, MaxReplyBytes = 1_000_000 });
        var other = await Assert.ThrowsAsync<JudgeException>(() => roomy.CompareAsync(new Comparison("q", "a", "b"), default));
        Assert.DoesNotContain("cap", other.Message);
    }
}
