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

        for (var p = 0; p < prompts.Count; p++) Assert.Equal(UncachedGreedy(policy, prompts[p], 40), sampled[p]);
    }

    [Theory]
    [InlineData("llama", 1)]
    [InlineData("qwen2", 2)]
    public void Greedy_tokens_of_a_rotary_model_with_the_cache_are_the_tokens_of_the_uncached_loop(string family, int kvHeads)
    {
        var folder = Path.Combine(Path.GetTempPath(), "aligndsl-sampling-" + Guid.NewGuid().ToString("N"));
        try
        {
            var fixture = Pretrained.HfFixtures.Llama(folder, family, ScalarType.Float32, tied: false, kvHeads: kvHeads);
            var tokenizer = new CompactTokenizer(Enumerable.Range(0, Pretrained.HfFixtures.Vocabulary - 3));
            using var policy = new Policy(AlignDsl.Models.Architectures.PretrainedModels.Load(fixture.Directory), tokenizer, CPU);
            // Two prompts share a batch; 19 new tokens fill the context and pass two reads of the sampled tokens.
            var prompts = new List<int[]> { new[] { 5, 9, 12, 30, 4 }, new[] { 7, 3, 30, 21, 8 }, new[] { 11, 20, 4 } };

            var sampled = policy.SampleIds(prompts, 19, new Generator(1), temperature: 0);

            for (var p = 0; p < prompts.Count; p++) Assert.Equal(UncachedGreedy(policy, prompts[p], 19), sampled[p]);
            Assert.Contains(sampled, answer => answer.Length > 8);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Rows_that_leave_the_batch_at_end_of_sequence_do_not_change_the_tokens_of_the_others()
    {
        random.manual_seed(7);
        var tokenizer = new CompactTokenizer(Enumerable.Range(0, 40));
        using var policy = new Policy(new TinyGpt(new ModelConfig(2, 32, 4, 64, tokenizer.VocabularySize)), tokenizer, CPU);
        // Larger weights than GPT-2's initial 0.02 make the greedy tokens depend on the prompt: some rows end early, some late.
        using (no_grad())
            foreach (var (name, weight) in policy.Model.named_parameters())
                if (name.EndsWith(".weight", StringComparison.Ordinal) && !name.Contains(".ln_", StringComparison.Ordinal)) weight.mul_(25);
        var draw = new Random(3);
        var prompts = Enumerable.Range(0, 24).Select(_ => Enumerable.Range(0, 4).Select(_ => draw.Next(3, tokenizer.VocabularySize)).ToArray()).ToList();

        var together = policy.SampleIds(prompts, 40, new Generator(1), temperature: 0);
        var alone = prompts.Select(p => policy.SampleIds([p], 40, new Generator(1), temperature: 0)[0]).ToList();

        Assert.Equal(alone, together);
        // Rows left at the first read of the tokens (after 8) and at later ones, while others went on to the end.
        Assert.Contains(together, answer => answer.Length <= 8 && answer[^1] == CompactTokenizer.EndOfSequence);
        Assert.Contains(together, answer => answer.Length is > 8 and < 40 && answer[^1] == CompactTokenizer.EndOfSequence);
        Assert.Contains(together, answer => answer.Length == 40);
        // And each is the uncached loop's.
        for (var p = 0; p < prompts.Count; p++) Assert.Equal(UncachedGreedy(policy, prompts[p], 40), together[p]);

        // At temperature 1 each row draws what torch.multinomial draws for it when the whole batch runs every step.
        var drawn = policy.SampleIds(prompts, 40, new Generator(9), temperature: 1);
        Assert.Equal(UncachedMultinomial(policy, prompts, 40, new Generator(9)), drawn);
        Assert.Contains(drawn, answer => answer.Length < 40);
    }

    /// <summary>
    /// Tokens drawn with torch.multinomial for every row of the batch at every step, the whole sequence through the model
    /// each time; each row cut after its first end of sequence.
    /// </summary>
    private static List<int[]> UncachedMultinomial(Policy policy, IReadOnlyList<int[]> prompts, int maxNewTokens, Generator generator)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var ids = tensor(prompts.SelectMany(p => p.Select(id => (long)id)).ToArray(), [prompts.Count, prompts[0].Length]);
        for (var i = 0; i < maxNewTokens; i++)
            ids = cat([ids, multinomial(nn.functional.softmax(policy.Model.forward(ids)[.., -1], -1), 1, generator: generator)], 1);
        var read = ids[.., prompts[0].Length..].contiguous().data<long>().ToArray();
        return Enumerable.Range(0, prompts.Count).Select(r =>
        {
            var row = read.Skip(r * maxNewTokens).Take(maxNewTokens).Select(v => (int)v).ToList();
            var end = row.IndexOf(policy.EndOfSequence);
            return (end < 0 ? row : row.Take(end + 1)).ToArray();
        }).ToList();
    }

    /// <summary>Greedy tokens of the whole sequence through the model for every token, cut after the first end of sequence.</summary>
    private static List<int> UncachedGreedy(Policy policy, int[] prompt, int maxNewTokens)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var ids = tensor(prompt.Select(id => (long)id).ToArray()).unsqueeze(0);
        var expected = new List<int>();
        while (expected.Count < maxNewTokens && (expected.Count == 0 || expected[^1] != policy.EndOfSequence))
        {
            var next = policy.Model.forward(ids)[0, -1].argmax().item<long>();
            expected.Add((int)next);
            ids = cat([ids, tensor(new[] { next }).unsqueeze(0)], 1);
        }
        return expected;
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
