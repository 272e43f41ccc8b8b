using System.Text.Json.Nodes;
using AlignDsl.Models;
using AlignDsl.Models.Architectures;
using AlignDsl.Tests.EndToEnd;
using AlignDsl.Tests.Training;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Models.Pretrained;

/// <summary>
/// <c>score</c> prints each token's log-probability: on a Hugging Face folder they equal the independent reference's,
/// and on an exported gym run they equal the trained model's own.
/// </summary>
public sealed class ScoreCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "aligndsl-score-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static double?[] LogProbs(string output) =>
        JsonNode.Parse(output)!["log_probs"]!.AsArray().Select(n => n?.GetValue<double>()).ToArray();

    [Fact]
    public async Task Scores_of_a_llama_folder_equal_the_reference()
    {
        var fixture = HfFixtures.Llama(Path.Combine(_root, "llama"), "llama", ScalarType.BFloat16, tied: false, kvHeads: 2, shards: true);
        int[] ids = [1, 2, 3, 30, 4];

        var (exitCode, output, error) = await Host.RunAsync("score", "--model", fixture.Directory, "--ids", string.Join(",", ids));

        Assert.True(exitCode == 0, error);
        var expected = nn.functional.log_softmax(ReferenceForward.Llama(fixture.Weights, ids, 4, 2, 4, 500, 1e-5, tied: false), 1);
        var actual = LogProbs(output);
        Assert.Null(actual[0]);
        for (var t = 1; t < ids.Length; t++) Assert.Equal(expected[t - 1, ids[t]].item<double>(), actual[t]!.Value, 1e-4);
        Assert.Equal("LlamaForCausalLM", JsonNode.Parse(output)!["architecture"]!.GetValue<string>());
    }

    [Fact]
    public async Task Export_then_score_of_a_run_equals_the_trained_model()
    {
        using var policy = RolloutTests.SymbolPolicy(6);
        var run = Path.Combine(_root, "test-sft", "20260101-000000-000");
        policy.Save(Path.Combine(run, "checkpoint"));
        var ids = policy.Tokenizer.Encode("1+2*3");
        var expected = TokenScores.Of(policy.Model, ids);

        var byRun = await Host.RunAsync("score", "--model", run, "--ids", string.Join(",", ids));
        var byExperiment = await Host.RunAsync("score", "--model", "test-sft", "--out", _root, "--text", "1+2*3");

        Assert.True(byRun.ExitCode == 0, byRun.Error);
        Assert.True(byExperiment.ExitCode == 0, byExperiment.Error);
        Assert.Equal(expected.LogProbs.Skip(1).Select(p => p!.Value), LogProbs(byRun.Output).Skip(1).Select(p => p!.Value), new Tolerance(1e-6));
        Assert.Equal(LogProbs(byRun.Output), LogProbs(byExperiment.Output));
        var tokens = JsonNode.Parse(byExperiment.Output)!["tokens"]!.AsArray().Select(n => n!.GetValue<string>());
        Assert.Equal("1+2*3", string.Concat(tokens));
    }

    [Fact]
    public async Task Text_needs_a_tokenizer_and_exactly_one_input_is_given()
    {
        var fixture = HfFixtures.Gpt2(Path.Combine(_root, "gpt2"), ScalarType.Float32);

        var noTokenizer = await Host.RunAsync("score", "--model", fixture.Directory, "--text", "hello");
        var both = await Host.RunAsync("score", "--model", fixture.Directory, "--text", "hello", "--ids", "1");
        var outside = await Host.RunAsync("score", "--model", fixture.Directory, "--ids", $"1,{HfFixtures.Vocabulary}");

        Assert.Equal(2, noTokenizer.ExitCode);
        Assert.Contains("--ids", noTokenizer.Error);
        Assert.Equal(2, both.ExitCode);
        Assert.Equal(1, outside.ExitCode);
        Assert.Contains("outside the model's vocabulary", outside.Error);
    }

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon;
        public int GetHashCode(double obj) => 0;
    }

    [Fact]
    public async Task Text_on_a_hugging_face_folder_is_encoded_by_the_folder_s_own_tokenizer()
    {
        var fixture = HfFixtures.Llama(Path.Combine(_root, "llama-text"), "llama", ScalarType.Float32, tied: true, kvHeads: 2, shards: false);
        // A byte-level vocabulary with no merges holding the text's bytes alone: each byte is one token, with the id of
        // its place in the list (the fixture's model has 37).
        const string text = "hi there";
        var bytes = System.Text.Encoding.UTF8.GetBytes(text).Distinct().ToArray();
        var vocabulary = new System.Text.Json.Nodes.JsonObject();
        for (var i = 0; i < bytes.Length; i++) vocabulary[global::AlignDsl.Tokenization.ByteLevel.FromBytes([bytes[i]])] = i + 3;
        File.WriteAllText(Path.Combine(fixture.Directory, "vocab.json"), vocabulary.ToJsonString());
        File.WriteAllText(Path.Combine(fixture.Directory, "merges.txt"), "#version: 0.2\n");

        var byText = await Host.RunAsync("score", "--model", fixture.Directory, "--text", text);

        Assert.True(byText.ExitCode == 0, byText.Error);
        var ids = JsonNode.Parse(byText.Output)!["ids"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(text).Select(b => Array.IndexOf(bytes, b) + 3), ids);
        var byIds = await Host.RunAsync("score", "--model", fixture.Directory, "--ids", string.Join(",", ids));
        Assert.Equal(LogProbs(byIds.Output), LogProbs(byText.Output));
        Assert.Equal(text, string.Concat(JsonNode.Parse(byText.Output)!["tokens"]!.AsArray().Select(n => n!.GetValue<string>())));
    }
}
