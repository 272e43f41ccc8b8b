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
    public void A_preallocated_cache_and_one_that_grows_give_the_full_pass()
    {
        random.manual_seed(4);
        var model = new TinyGpt(new ModelConfig(2, 16, 2, 16, 12));
        model.eval();
        using var _ = no_grad();
        var ids = tensor(new long[] { 3, 4, 5, 6, 7, 8, 9, 10, 3, 4, 5, 6, 7, 8 }, [2, 7]);
        var full = model.forward(ids);
        foreach (var capacity in new long[] { 0, 7, 16 })
        {
            using var cache = new KvCache(2, capacity);
            var prefill = model.Forward(ids[.., ..2], cache);
            Assert.True(full[.., ..2].allclose(prefill, atol: 1e-5));
            for (var t = 2; t < 7; t++)
                Assert.True(full[.., t].allclose(model.Forward(ids[.., t..(t + 1)], cache)[.., 0], atol: 1e-5), $"capacity {capacity}, position {t}");
            Assert.Equal(7, cache.Length);
        }
    }

    [Fact]
    public void Greedy_tokens_with_the_cache_are_the_tokens_of_the_uncached_loop()
    {
        random.manual_seed(6);
        var tokenizer = new CompactTokenizer(Enumerable.Range(0, 40));
        using var policy = new Policy(new TinyGpt(new ModelConfig(2, 32, 4, 48, tokenizer.VocabularySize)), tokenizer, CPU);
        var prompts = new List<int[]> { new[] { 5, 9, 12 }, new[] { 7, 3, 30 }, new[] { 11, 20, 4, 8, 6 } };

        var sampled = policy.SampleIds(prompts, 40, new Generator(1), temperature: 0);

        // The uncached loop: the whole sequence through the model for every token, cut after the first end of sequence.
        using var _ = no_grad();
        for (var p = 0; p < prompts.Count; p++)
        {
            var ids = tensor(prompts[p].Select(id => (long)id).ToArray()).unsqueeze(0);
            var expected = new List<int>();
            while (expected.Count < 40 && (expected.Count == 0 || expected[^1] != CompactTokenizer.EndOfSequence))
            {
                var next = policy.Model.forward(ids)[0, -1].argmax().item<long>();
                expected.Add((int)next);
                ids = cat([ids, tensor(new[] { next }).unsqueeze(0)], 1);
            }
            Assert.Equal(expected, sampled[p]);
        }
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
