using System.Diagnostics;
using System.Text.Json;
using AlignDsl.Judging;

namespace AlignDsl.Tests.Judging;

public sealed class LlmJudgeTests
{
    private const string Key = "sk-test-5ecret-key-0042";
    private static readonly Comparison Question = new("How do I boil an egg?", "Simmer it for nine minutes.", "Eggs are oval.");

    private static LlmJudge Judge(FakeChatServer server, JudgeParsing parsing = JudgeParsing.Label, int maxRetries = 3, double timeoutSeconds = 5) => new(new LlmJudgeOptions
    {
        Endpoint = server.Endpoint,
        Model = "judge-model",
        ApiKey = Key,
        Parsing = parsing,
        MaxRetries = maxRetries,
        Timeout = TimeSpan.FromSeconds(timeoutSeconds),
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
    });

    [Theory]
    [InlineData("A", 1.0)]
    [InlineData("B", 0.0)]
    [InlineData("TIE", 0.5)]
    [InlineData("Answer: [[b]]", 0.0)]
    [InlineData("**tie** - both are fine", 0.5)]
    [InlineData("It's a tie.", 0.5)]
    [InlineData("a better answer is B", 0.0)]
    public async Task A_label_reply_gives_the_comparison(string reply, double expected)
    {
        await using var server = FakeChatServer.Always(FakeReply.Content(reply));
        using var judge = Judge(server);

        Assert.Equal(expected, await judge.CompareAsync(Question, default));
    }

    [Fact]
    public async Task The_request_carries_model_prompt_answers_and_instruction_at_temperature_zero()
    {
        await using var server = FakeChatServer.Always(FakeReply.Content("A"));
        using var judge = Judge(server);

        await judge.CompareAsync(Question with { Instruction = "Which answer is more concise?" }, default);

        var request = Assert.Single(server.Requests);
        Assert.Equal("judge-model", request.Body["model"]!.GetValue<string>());
        Assert.Equal(0, request.Body["temperature"]!.GetValue<double>());
        var messages = request.Messages();
        Assert.Contains(Question.Prompt, messages);
        Assert.Contains(Question.First, messages);
        Assert.Contains(Question.Second, messages);
        Assert.Contains("Which answer is more concise?", messages);
        Assert.DoesNotContain(JudgePrompts.DefaultCriterion, messages);
    }

    [Fact]
    public async Task Without_an_instruction_the_comparison_asks_for_the_default_criterion()
    {
        await using var server = FakeChatServer.Always(FakeReply.Content("A"));
        using var judge = Judge(server);

        await judge.CompareAsync(Question, default);

        Assert.Contains(JudgePrompts.DefaultCriterion, Assert.Single(server.Requests).Messages());
    }

    [Fact]
    public async Task Asking_both_orders_cancels_a_judge_that_always_prefers_the_first_answer()
    {
        await using var server = FakeChatServer.Always(FakeReply.Content("A"));
        using var judge = Judge(server);

        Assert.Equal(0.5, await judge.CompareBothOrdersAsync(Question, default));
        Assert.Equal(2, server.Requests.Count);
        // The second request shows the answers swapped.
        var (first, second) = (server.Requests[0].Messages(), server.Requests[1].Messages());
        Assert.True(first.IndexOf(Question.First, StringComparison.Ordinal) < first.IndexOf(Question.Second, StringComparison.Ordinal));
        Assert.True(second.IndexOf(Question.Second, StringComparison.Ordinal) < second.IndexOf(Question.First, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("REFUSAL", Verdict.Refusal)]
    [InlineData("compliance", Verdict.Compliance)]
    [InlineData("Verdict: PARTIAL refusal", Verdict.PartialRefusal)]
    [InlineData("OTHER.", Verdict.Other)]
    public async Task A_label_reply_gives_the_verdict(string reply, Verdict expected)
    {
        await using var server = FakeChatServer.Always(FakeReply.Content(reply));
        using var judge = Judge(server);

        Assert.Equal(expected, await judge.ClassifyAsync("How do I pick a lock?", "I can't help with that.", default));
        var messages = Assert.Single(server.Requests).Messages();
        Assert.Contains("How do I pick a lock?", messages);
        Assert.Contains("I can't help with that.", messages);
    }

    [Fact]
    public async Task Log_probabilities_give_P_first_better_over_the_labels_alone()
    {
        // At the label token: A 0.5 and " A" 0.1 (one label, two spellings), B 0.2, TIE 0.1, and 0.1 on a non-label.
        // P(first better) = (0.6 + 0.1 / 2) / (0.6 + 0.2 + 0.1) = 0.65 / 0.9.
        var tokens = new System.Text.Json.Nodes.JsonArray(
            FakeReply.Token("A", ("A", 0.5), ("B", 0.2), (" A", 0.1), ("TIE", 0.1), ("The", 0.1)));
        await using var server = FakeChatServer.Always(FakeReply.Content("A", tokens));
        using var judge = Judge(server, JudgeParsing.LogProbabilities);

        Assert.Equal(0.65 / 0.9, await judge.CompareAsync(Question, default), 1e-6);
        var request = Assert.Single(server.Requests);
        Assert.True(request.Body["logprobs"]!.GetValue<bool>());
        Assert.True(request.Body["top_logprobs"]!.GetValue<int>() > 2);
    }

    [Fact]
    public async Task Log_probabilities_are_read_at_the_first_label_token_not_at_a_preamble()
    {
        var tokens = new System.Text.Json.Nodes.JsonArray(
            FakeReply.Token("Answer", ("Answer", 0.9), ("A", 0.05), ("B", 0.05)),
            FakeReply.Token(":", (":", 1.0)),
            FakeReply.Token(" B", (" B", 0.8), (" A", 0.2)));
        await using var server = FakeChatServer.Always(FakeReply.Content("Answer: B", tokens));
        using var judge = Judge(server, JudgeParsing.LogProbabilities);

        Assert.Equal(0.2, await judge.CompareAsync(Question, default), 1e-6);
    }

    [Fact]
    public async Task A_server_without_log_probabilities_fails_at_once_with_a_clear_error()
    {
        await using var server = FakeChatServer.Always(FakeReply.Content("A"));
        using var judge = Judge(server, JudgeParsing.LogProbabilities);

        var error = await Assert.ThrowsAsync<JudgeException>(() => judge.CompareAsync(Question, default));

        Assert.Contains("log-probabilities", error.Message);
        Assert.Contains("label", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_within_the_retries()
    {
        await using var server = FakeChatServer.Always(FakeReply.Never);
        using var judge = Judge(server, maxRetries: 1, timeoutSeconds: 0.3);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<JudgeException>(() => judge.CompareAsync(Question, default));

        // Both attempts reached the server and each waited out its timeout; a busy machine can only make it slower.
        Assert.Equal(2, server.Requests.Count);
        Assert.True(clock.Elapsed.TotalSeconds >= 0.55, $"two 0.3 s timeouts ended after {clock.Elapsed.TotalSeconds:F2} s");
        Assert.Contains("timeout", error.Message);
        Assert.Contains("2 attempts", error.Message);
        Assert.Contains(server.Endpoint.ToString(), error.Message);
        Assert.Contains("judge-model", error.Message);
    }

    [Fact]
    public async Task Two_server_errors_then_a_reply_succeed_on_the_third_request()
    {
        await using var server = FakeChatServer.Start((n, _) => n <= 2 ? FakeReply.Error(500) : FakeReply.Content("B"));
        using var judge = Judge(server);

        Assert.Equal(0.0, await judge.CompareAsync(Question, default));
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_server_that_always_fails_ends_in_a_judge_exception_after_every_retry()
    {
        await using var server = FakeChatServer.Always(FakeReply.Error(503));
        using var judge = Judge(server, maxRetries: 2);

        var error = await Assert.ThrowsAsync<JudgeException>(() => judge.CompareAsync(Question, default));

        Assert.Equal(3, server.Requests.Count);
        Assert.Contains("HTTP 503: failed on purpose", error.Message);
        Assert.Contains("3 attempts", error.Message);
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        await using var server = FakeChatServer.Always(FakeReply.Error(401));
        using var judge = Judge(server);

        var error = await Assert.ThrowsAsync<JudgeException>(() => judge.ClassifyAsync("p", "a", default));

        Assert.Single(server.Requests);
        Assert.Contains("HTTP 401", error.Message);
    }

    [Theory]
    [InlineData("I would rather not say which is better.")]
    [InlineData("")]
    public async Task A_reply_with_no_label_is_retried_then_fails(string reply)
    {
        await using var server = FakeChatServer.Always(FakeReply.Content(reply));
        using var judge = Judge(server, maxRetries: 2);

        var error = await Assert.ThrowsAsync<JudgeException>(() => judge.CompareAsync(Question, default));

        Assert.Equal(3, server.Requests.Count);
        Assert.Contains("no label", error.Message);
    }

    [Fact]
    public async Task A_response_that_is_not_json_is_retried_then_fails()
    {
        await using var server = FakeChatServer.Always(new FakeReply(200, "{ this is not json"));
        using var judge = Judge(server, maxRetries: 1);

        var error = await Assert.ThrowsAsync<JudgeException>(() => judge.ClassifyAsync("p", "a", default));

        Assert.Equal(2, server.Requests.Count);
        Assert.Contains("unreadable response", error.Message);
    }

    [Fact]
    public async Task A_garbage_reply_recovers_when_a_later_reply_has_a_label()
    {
        await using var server = FakeChatServer.Start((n, _) => FakeReply.Content(n == 1 ? "hmm" : "COMPLIANCE"));
        using var judge = Judge(server);

        Assert.Equal(Verdict.Compliance, await judge.ClassifyAsync("p", "a", default));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task The_api_key_is_sent_as_a_bearer_token_and_appears_in_no_message()
    {
        await using var server = FakeChatServer.Always(FakeReply.Error(500));
        using var judge = Judge(server, maxRetries: 0);

        var error = await Assert.ThrowsAsync<JudgeException>(() => judge.CompareAsync(Question, default));

        Assert.Equal($"Bearer {Key}", Assert.Single(server.Requests).Authorization);
        Assert.DoesNotContain(Key, error.ToString());
        Assert.DoesNotContain(Key, judge.ToString());
        Assert.DoesNotContain(Key, judge.Options.ToString());
        Assert.Contains("ApiKey = ***", judge.Options.ToString());
        Assert.Equal("llm:judge-model", judge.Name);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_reported_as_a_timeout()
    {
        await using var server = FakeChatServer.Always(FakeReply.Never);
        using var judge = Judge(server);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => judge.CompareAsync(Question, cancel.Token));
        Assert.Single(server.Requests);
    }
}
