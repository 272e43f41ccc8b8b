using System.Text.Json.Nodes;
using AlignDsl.Rules;
using AlignDsl.Tests.EndToEnd;

namespace AlignDsl.Tests.Hosting;

public sealed class HostCommandTests
{
    [Fact]
    public async Task List_json_describes_each_experiment()
    {
        var (exitCode, output, _) = await Host.RunAsync("list", "--json");
        Assert.Equal(0, exitCode);
        var experiments = JsonNode.Parse(output)!.AsArray();
        var dpo = experiments.Single(e => e!["name"]!.GetValue<string>() == "test-dpo")!;
        Assert.Equal("dpo", dpo["objective"]!.GetValue<string>());
        Assert.Equal("pairs", dpo["data_shape"]!.GetValue<string>());
        Assert.Equal(["policy", "reference"], dpo["resident_models"]!.AsArray().Select(m => m!["role"]!.GetValue<string>()));
        // test-dpo inherits test-sft's 2 layers × 96 wide, context 64: a trainable policy and a frozen reference.
        var parameters = MemoryEstimate.Parameters(layers: 2, modelDim: 96, context: 64);
        Assert.Equal([parameters, parameters], dpo["resident_models"]!.AsArray().Select(m => m!["parameters"]!.GetValue<long>()));
        Assert.Equal([MemoryEstimate.Bytes(parameters, trainable: true), MemoryEstimate.Bytes(parameters, trainable: false)],
            dpo["resident_models"]!.AsArray().Select(m => m!["estimated_bytes"]!.GetValue<long>()));
        // The total adds a step's activations (and the runtime's working memory) to the models.
        Assert.Equal(MemoryEstimate.Bytes(parameters, trainable: true) + MemoryEstimate.Bytes(parameters, trainable: false)
            + dpo["estimated_activation_bytes"]!.GetValue<long>(), dpo["estimated_memory_bytes"]!.GetValue<long>());
        Assert.True(dpo["estimated_activation_bytes"]!.GetValue<long>() > ActivationEstimate.RuntimeBytes);
        Assert.Equal("fp32", dpo["precision"]!.GetValue<string>());
        Assert.Equal("test-sft", dpo["init_from"]!.GetValue<string>());
        var sft = experiments.Single(e => e!["name"]!.GetValue<string>() == "test-sft")!;
        Assert.Single(sft["resident_models"]!.AsArray());
    }

    [Fact]
    public async Task Describe_shows_models_and_memory()
    {
        var (exitCode, output, _) = await Host.RunAsync("describe", "test-dpo");
        Assert.Equal(0, exitCode);
        Assert.Contains("reference (frozen)", output);
        // The objective's own settings, read from the catalogue: β first, with its typical range.
        Assert.Contains("objective     DPO on pairs from gym:HelpfulHarmless: Beta 0.1 (typical 0.1–0.5), LabelSmoothing 0", output);
        Assert.Contains("held-out pairs ranked by the implicit reward β·log π/π_ref", output);
        Assert.Contains("starts from test-sft", output);
        Assert.Contains("total", output);
        Assert.Contains("precision     fp32; gradient checkpointing off", output);
        Assert.Contains("16 B per trained parameter, 4 B per frozen one", output);
    }

    [Fact]
    public async Task Describe_shows_bf16_and_gradient_checkpointing_and_what_they_cost()
    {
        var (exitCode, output, _) = await Host.RunAsync("describe", "test-resume-dpo-bf16");
        Assert.Equal(0, exitCode);
        Assert.Contains("precision     bf16 weights and activations, fp32 master weights and AdamW state", output);
        Assert.Contains("gradient checkpointing on", output);
        Assert.Contains("20 B per trained parameter, 2 B per frozen one", output);
        Assert.Contains("activations, runtime", output);
    }

    [Fact]
    public async Task Describe_shows_ppo_s_four_models_and_its_reward()
    {
        var (exitCode, output, _) = await Host.RunAsync("describe", "test-ppo");
        Assert.Equal(0, exitCode);
        Assert.Contains("reward        test-rm (reward model, frozen)", output);
        foreach (var model in new[] { "policy (trainable)", "value model (trainable)", "reference (frozen)", "reward model (frozen)" })
            Assert.Contains(model, output);
        // PPO's β keeps its own name; the value clip is a setting of its own, at the policy clip's default.
        Assert.Contains("KlCoefficient 0.05 (typical 0.01–0.2), ClipRange 0.2, ValueClipRange 0.2, ValueCoefficient 0.1, PpoEpochs 2, MaxNewTokens 20", output);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("run")]
    [InlineData("run", "no-such-experiment")]
    [InlineData("run", "test-dpo", "--stpes", "3")]
    [InlineData("run", "test-dpo", "--steps", "three")]
    public async Task A_bad_command_line_exits_with_2_and_says_why(params string[] args)
    {
        var (exitCode, _, error) = await Host.RunAsync(args);
        Assert.Equal(2, exitCode);
        Assert.StartsWith("error: ", error);
    }

    [Fact]
    public async Task A_rule_broken_by_an_override_exits_with_2_before_any_run()
    {
        var root = Path.Combine(Path.GetTempPath(), $"aligndsl-rule-{Guid.NewGuid():N}");
        // test-dpo starts from test-sft, which has no run under root: the override is checked before it trains.
        var (exitCode, _, error) = await Host.RunAsync("run", "test-dpo", "--steps", "-1", "--out", root);
        Assert.Equal(2, exitCode);
        Assert.Contains("ALIGN007", error);
        Assert.False(Directory.Exists(Path.Combine(root, "test-sft")) && Directory.GetDirectories(Path.Combine(root, "test-sft")).Length > 0);
    }
}
