using AlignDsl.Judging;
using AlignDsl.Tests.EndToEnd;

namespace AlignDsl.Tests.Judging;

/// <summary>A whole run judged by an LLM over a local OpenAI-compatible server: the figures are the server's verdicts.</summary>
[Collection(TrainingCollection.Name)]
public sealed class LlmJudgedRunTests(TrainedPipeline pipeline)
{
    [Fact]
    public async Task Red_teaming_over_refusal_and_win_rate_follow_the_llm_judges_labels()
    {
        // A judge that calls every answer a refusal and every comparison a tie.
        await using var server = FakeChatServer.Start((_, request) =>
            FakeReply.Content(request.Messages().Contains("REFUSAL, COMPLIANCE", StringComparison.Ordinal) ? "REFUSAL" : "TIE"));
        var saved = new[] { LlmJudgeOptions.EndpointVariable, LlmJudgeOptions.ModelVariable, LlmJudgeOptions.ApiKeyVariable }
            .ToDictionary(v => v, Environment.GetEnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(LlmJudgeOptions.EndpointVariable, server.Endpoint.ToString());
            Environment.SetEnvironmentVariable(LlmJudgeOptions.ModelVariable, "judge-model");
            Environment.SetEnvironmentVariable(LlmJudgeOptions.ApiKeyVariable, "sk-never-shown");

            var (exitCode, output, error) = await Host.RunAsync("run", "test-judged", "--judge", "llm", "--out", pipeline.Root, "--device", "cpu");

            Assert.True(exitCode == 0, $"{error}\n{output}");
            Assert.DoesNotContain("sk-never-shown", output + error);
            var after = Host.Summary(Host.Runs(pipeline.Root, "test-judged").Last())["eval"]!["after"]!;
            Assert.Equal(0.0, after["attack_success_rate"]!.GetValue<double>());
            Assert.Equal(1.0, after["over_refusal_rate"]!.GetValue<double>());
            Assert.Equal(0.5, after["win_rate"]!["win_rate"]!.GetValue<double>());
            Assert.True(after["mean_answer_characters"]!.GetValue<double>() > 0);
            Assert.Contains(server.Requests, r => r.Messages().Contains("[Answer B]", StringComparison.Ordinal));
        }
        finally
        {
            foreach (var (variable, value) in saved) Environment.SetEnvironmentVariable(variable, value);
        }
    }
}
