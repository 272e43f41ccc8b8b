using AlignDsl.Models;
using AlignDsl.Tokenization;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Models;

/// <summary>KV-cached sampling agrees with running the whole sequence through the model.</summary>
public sealed class SamplingTests
{
    [Fact]
    public void Cached_logits_match_full_forward_pass()
    {
        random.manual_seed(3);
        var model = new TinyGpt(new ModelConfig(2, 16, 2, 16, 12));
        model.eval();
        using var _ = no_grad();
        var ids = tensor(new long[] { 3, 4, 5, 6, 7 }).unsqueeze(0);
        var full = model.forward(ids);

        using var cache = new KvCache(2);
        var prefill = model.Forward(ids[.., ..3], cache);
        var fourth = model.Forward(ids[.., 3..4], cache);
        var fifth = model.Forward(ids[.., 4..5], cache);

        Assert.True(full[.., ..3].allclose(prefill, atol: 1e-5));
        Assert.True(full[.., 3].allclose(fourth[.., 0], atol: 1e-5));
        Assert.True(full[.., 4].allclose(fifth[.., 0], atol: 1e-5));
    }

    [Fact]
    public void Greedy_sampling_is_deterministic_and_decodes_text()
    {
        random.manual_seed(5);
        var tokenizer = CompactTokenizer.FromCorpus(["hello there, how are you?"]);
        using var policy = new Policy(new TinyGpt(new ModelConfig(1, 16, 2, 32, tokenizer.VocabularySize)), tokenizer, CPU);
        string[] prompts = ["hello there,", "how"];
        var first = policy.Sample(prompts, 6, new Generator(1), temperature: 0);
        var second = policy.Sample(prompts, 6, new Generator(2), temperature: 0);
        Assert.Equal(first, second);

        // Each text is the decoding of the greedy ids, whose first token is the argmax of a plain forward pass.
        var ids = policy.SampleIds(prompts.Select(tokenizer.Encode).ToList(), 6, new Generator(3), temperature: 0);
        Assert.Equal(ids.Select(tokenizer.Decode), first);
        Assert.All(ids, answer => Assert.NotEmpty(answer));
        using (no_grad())
            for (var p = 0; p < prompts.Length; p++)
            {
                var logits = policy.Model.forward(tensor(tokenizer.Encode(prompts[p]).Select(id => (long)id).ToArray()).unsqueeze(0));
                Assert.Equal(logits[0, -1].argmax().item<long>(), ids[p][0]);
            }
        Assert.Contains(first, text => text.Length > 0);
    }
}
