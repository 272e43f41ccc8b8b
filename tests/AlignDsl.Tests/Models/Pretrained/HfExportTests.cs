using System.Text.Json.Nodes;
using AlignDsl.Data;
using AlignDsl.Models;
using AlignDsl.Models.Architectures;
using AlignDsl.Tests.Training;
using AlignDsl.Tokenization;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Models.Pretrained;

/// <summary>
/// A trained gym model saves in the Hugging Face layout: the files alone (read by a plain reader and an independent
/// GPT-2) give its logits, and loading them back gives the same model.
/// </summary>
public sealed class HfExportTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "aligndsl-export-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private static JsonNode ReadJson(string directory, string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(directory, file)))!;

    [Fact]
    public void The_gym_policy_saves_as_a_GPT2LMHeadModel_that_an_independent_GPT2_computes_exactly()
    {
        using var policy = RolloutTests.SymbolPolicy(3);
        Perturb(policy);
        policy.Save(_directory);

        var config = ReadJson(_directory, "config.json");
        Assert.Equal("GPT2LMHeadModel", config["architectures"]![0]!.GetValue<string>());
        Assert.Equal("gelu", config["activation_function"]!.GetValue<string>());
        Assert.Equal(policy.Config.VocabularySize, config["vocab_size"]!.GetValue<int>());
        Assert.Equal(policy.Config.Context, config["n_positions"]!.GetValue<int>());
        Assert.True(config["tie_word_embeddings"]!.GetValue<bool>());
        Assert.Equal(Tokenization.CompactTokenizer.EndOfSequence, ReadJson(_directory, "generation_config.json")["eos_token_id"]!.GetValue<int>());

        var weights = RawSafetensors.ReadFloat32(Path.Combine(_directory, "model.safetensors"));
        Assert.Contains("transformer.h.0.attn.c_attn.weight", weights.Keys);
        Assert.Equal([16, 48], weights["transformer.h.0.attn.c_attn.weight"].shape); // Conv1D: [in, out]
        Assert.DoesNotContain("lm_head.weight", weights.Keys);
        int[] ids = [3, 5, 7, 1, 9, 4];
        var expected = ReferenceForward.Gpt2(weights, ids, heads: 2, eps: 1e-5, exactGelu: true, tied: true);

        PretrainedLoadingTests.AssertClose(expected, PretrainedLoadingTests.Logits(policy.Model, ids));
    }

    /// <summary>Weights far from a fresh model's (small projections, unit norms, zero biases), so every tensor shows in the logits.</summary>
    private static void Perturb(Policy policy)
    {
        using var _ = no_grad();
        foreach (var p in policy.Parameters()) p.add_(randn_like(p) * 0.3);
    }

    [Fact]
    public void A_saved_policy_loads_back_with_equal_logits()
    {
        using var policy = RolloutTests.SymbolPolicy(4);
        policy.Save(_directory);
        using var loaded = Checkpoint.Load(_directory, CPU);
        int[] ids = [2, 8, 8, 1, 0, 13];

        Assert.Equal(((CompactTokenizer)policy.Tokenizer).Gpt2Ids, Assert.IsType<CompactTokenizer>(loaded.Tokenizer).Gpt2Ids);
        Assert.True(PretrainedLoadingTests.Logits(policy.Model, ids).allclose(PretrainedLoadingTests.Logits(loaded.Model, ids), atol: 1e-6));
    }

    [Fact]
    public void A_loaded_llama_saves_and_loads_back_with_equal_logits()
    {
        var fixture = HfFixtures.Llama(Path.Combine(_directory, "source"), "qwen2", ScalarType.BFloat16, tied: false, kvHeads: 1);
        using var policy = new Policy(PretrainedModels.Load(fixture.Directory), new Tokenization.CompactTokenizer([1, 2, 3]), CPU);
        var saved = Path.Combine(_directory, "saved");
        policy.Save(saved);
        using var loaded = PretrainedModels.Load(saved);
        int[] ids = [4, 30, 2, 2, 19];

        Assert.Equal("Qwen2ForCausalLM", ReadJson(saved, "config.json")["architectures"]![0]!.GetValue<string>());
        Assert.True(PretrainedLoadingTests.Logits(policy.Model, ids).allclose(PretrainedLoadingTests.Logits(loaded, ids), atol: 1e-6));
    }

    [Fact]
    public void A_reward_model_saves_as_a_sequence_classifier_whose_score_reads_the_last_token()
    {
        using var policy = RolloutTests.SymbolPolicy(5);
        Perturb(policy);
        using var rewardModel = RewardModel.FromPolicy(policy);
        rewardModel.Save(_directory);

        var config = ReadJson(_directory, "config.json");
        Assert.Equal("GPT2ForSequenceClassification", config["architectures"]![0]!.GetValue<string>());
        Assert.Equal(1, config["num_labels"]!.GetValue<int>());
        Assert.Equal(Tokenization.CompactTokenizer.Pad, config["pad_token_id"]!.GetValue<int>());
        var weights = RawSafetensors.ReadFloat32(Path.Combine(_directory, "model.safetensors"));
        Assert.Equal([1, 16], weights["score.weight"].shape);
        Assert.All(weights.Keys.Where(k => k != "score.weight"), k => Assert.StartsWith("transformer.", k));
        int[] ids = [5, 6, 7, 8, 1];
        var expected = ReferenceForward.Gpt2(weights, ids, heads: 2, eps: 1e-5, exactGelu: true, tied: true, head: weights["score.weight"])[^1, 0];

        using var _ = no_grad();
        var batch = new SequenceBatch([new TokenizedSequence(ids, 3)]).ToDevice(CPU);
        Assert.Equal(expected.item<double>(), rewardModel.Rewards(batch)[0].item<float>(), 1e-4);
        Assert.Contains("'architectures'", Assert.Throws<NotSupportedException>(() => PretrainedModels.Load(_directory)).Message);
    }
}
