using AlignDsl.Models;
using AlignDsl.Tokenization;
using static TorchSharp.torch;

namespace SpeedBenchmark;

/// <summary>
/// Greedy sampling with the KV cache (<see cref="Policy.SampleIds"/>) against the same tokens computed without one:
/// every new token runs the whole sequence again. Both give the same tokens; the ratio is uncached time / cached time.
/// </summary>
internal static class Sampling
{
    public static void Run(int repeats)
    {
        Console.WriteLine($"Sampling, greedy, 2 layers × 96 wide, 4 heads, prompt 8 tokens; median of {repeats}, interleaved; load {Stats.Load()}; threads as a run chooses them");
        Console.WriteLine($"{"batch",6} {"new tokens",11} {"cached ms",10} {"uncached ms",12} {"ms/token",9} {"uncached/cached",16}");
        foreach (var (batch, tokens) in new[] { (1, 128), (16, 128), (1, 32) })
        {
            TorchSharp.torch.random.manual_seed(1);
            var tokenizer = new CompactTokenizer(Enumerable.Range(0, 250));
            using var policy = new Policy(new TinyGpt(new ModelConfig(2, 96, 4, 8 + tokens, tokenizer.VocabularySize)), tokenizer, CPU);
            var draw = new Random(batch);
            var prompts = Enumerable.Range(0, batch).Select(_ => Enumerable.Range(0, 8).Select(_ => draw.Next(3, tokenizer.VocabularySize)).ToArray()).ToList();
            // No row may stop early: a zero embedding gives end of sequence the logit 0 (the output projection is tied), below
            // the largest of 250 random logits, so both sides run every token.
            using (no_grad()) policy.Model.get_parameter("transformer.wte.weight")![CompactTokenizer.EndOfSequence].fill_(0);
            // The threads a run would choose for this model.
            AlignDsl.Running.CpuThreads.Apply(AlignDsl.Running.CpuThreads.Choose(0, policy.Parameters().Sum(p => p.numel())));
            var cached = new List<double>();
            var uncached = new List<double>();
            int[][] fast = [], slow = [];
            fast = policy.SampleIds(prompts, tokens, new Generator(1), temperature: 0).ToArray();
            slow = Uncached(policy, prompts, tokens);
            for (var i = 0; i < repeats; i++)
            {
                cached.Add(Stats.Milliseconds(() => fast = policy.SampleIds(prompts, tokens, new Generator(1), temperature: 0).ToArray()));
                uncached.Add(Stats.Milliseconds(() => slow = Uncached(policy, prompts, tokens)));
            }
            if (!fast.Zip(slow).All(p => p.First.SequenceEqual(p.Second)))
                throw new InvalidOperationException("Cached and uncached sampling gave different tokens.");
            var (c, u) = (Stats.Median(cached), Stats.Median(uncached));
            Console.WriteLine($"{batch,6} {tokens,11} {c,10:F1} {u,12:F1} {c / tokens,9:F3} {u / c,16:F2}");
        }
    }

    /// <summary>Greedy tokens without a cache: the whole sequence through the model for every new token.</summary>
    public static int[][] Uncached(Policy policy, IReadOnlyList<int[]> prompts, int tokens)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var ids = tensor(prompts.SelectMany(p => p.Select(id => (long)id)).ToArray(), [prompts.Count, prompts[0].Length], ScalarType.Int64);
        for (var i = 0; i < tokens; i++)
            ids = cat([ids, policy.Model.forward(ids)[.., -1].argmax(-1, keepdim: true)], 1);
        var read = ids[.., prompts[0].Length..].contiguous().data<long>().ToArray();
        return Enumerable.Range(0, prompts.Count).Select(r => read.Skip(r * tokens).Take(tokens).Select(v => (int)v).ToArray()).ToArray();
    }
}
