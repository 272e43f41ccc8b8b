using AlignDsl.Judging;
using AlignDsl.Running;

namespace AlignDsl.Tests.Judging;

public sealed class LlmJudgeOptionsTests
{
    private static Dictionary<string, string?> Variables(string? endpoint = "http://127.0.0.1:8000/v1", string? model = "qwen", string? key = null, string? parsing = null) => new()
    {
        [LlmJudgeOptions.EndpointVariable] = endpoint,
        [LlmJudgeOptions.ModelVariable] = model,
        [LlmJudgeOptions.ApiKeyVariable] = key,
        [LlmJudgeOptions.ParsingVariable] = parsing,
    };

    [Fact]
    public void Variables_give_endpoint_model_key_and_parsing()
    {
        var options = LlmJudgeOptions.FromVariables(Variables(key: "secret-1", parsing: "LogProbs"));

        Assert.Equal(new Uri("http://127.0.0.1:8000/v1"), options.Endpoint);
        Assert.Equal("qwen", options.Model);
        Assert.Equal("secret-1", options.ApiKey);
        Assert.Equal(JudgeParsing.LogProbabilities, options.Parsing);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
        Assert.Equal(3, options.MaxRetries);
    }

    [Fact]
    public void Parsing_is_label_unless_asked_and_the_key_optional()
    {
        var options = LlmJudgeOptions.FromVariables(Variables());

        Assert.Equal(JudgeParsing.Label, options.Parsing);
        Assert.Null(options.ApiKey);
        Assert.Contains("ApiKey = (none)", options.ToString());
    }

    [Fact]
    public void Missing_endpoint_and_model_are_both_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => LlmJudgeOptions.FromVariables(Variables(endpoint: null, model: " ")));

        Assert.Contains(LlmJudgeOptions.EndpointVariable, error.Message);
        Assert.Contains(LlmJudgeOptions.ModelVariable, error.Message);
    }

    [Theory]
    [InlineData("127.0.0.1:8000", null)]
    [InlineData("ftp://127.0.0.1/v1", null)]
    [InlineData("http://127.0.0.1:8000/v1", "probabilities")]
    public void Malformed_values_are_errors(string endpoint, string? parsing) =>
        Assert.Throws<InvalidOperationException>(() => LlmJudgeOptions.FromVariables(Variables(endpoint: endpoint, parsing: parsing)));

    [Fact]
    public void The_key_never_shows_in_the_options_text_nor_in_a_copy()
    {
        var options = LlmJudgeOptions.FromVariables(Variables(key: "sk-very-secret"));

        Assert.DoesNotContain("sk-very-secret", options.ToString());
        Assert.DoesNotContain("sk-very-secret", (options with { Model = "other" }).ToString());
        Assert.Contains("ApiKey = ***", options.ToString());
        Assert.Contains("qwen", options.ToString());
    }

    [Fact]
    public void Run_options_pick_the_gym_judge_by_default_and_reject_unknown_names()
    {
        Assert.Same(GymJudge.Instance, Judges.FromOptions(new RunOptions()));
        Assert.Same(GymJudge.Instance, Judges.FromOptions(new RunOptions { Judge = "GYM" }));
        Assert.Throws<ArgumentException>(() => Judges.FromOptions(new RunOptions { Judge = "oracle" }));
    }

    [Fact]
    public void Run_options_build_an_llm_judge_from_the_environment()
    {
        var saved = (Environment.GetEnvironmentVariable(LlmJudgeOptions.EndpointVariable), Environment.GetEnvironmentVariable(LlmJudgeOptions.ModelVariable));
        try
        {
            Environment.SetEnvironmentVariable(LlmJudgeOptions.EndpointVariable, null);
            Environment.SetEnvironmentVariable(LlmJudgeOptions.ModelVariable, null);
            var error = Assert.Throws<InvalidOperationException>(() => Judges.FromOptions(new RunOptions { Judge = "llm" }));
            Assert.Contains(LlmJudgeOptions.EndpointVariable, error.Message);

            Environment.SetEnvironmentVariable(LlmJudgeOptions.EndpointVariable, "http://127.0.0.1:9/v1");
            Environment.SetEnvironmentVariable(LlmJudgeOptions.ModelVariable, "env-model");
            var judge = Assert.IsType<LlmJudge>(Judges.FromOptions(new RunOptions { Judge = "llm" }));
            using (judge) Assert.Equal("llm:env-model", judge.Name);
        }
        finally
        {
            Environment.SetEnvironmentVariable(LlmJudgeOptions.EndpointVariable, saved.Item1);
            Environment.SetEnvironmentVariable(LlmJudgeOptions.ModelVariable, saved.Item2);
        }
    }
}
