using AlignDsl.Data;
using AlignDsl.Models;
using AlignDsl.Tokenization;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Data;

/// <summary>Batches of like length: the same examples as often as before, in a seeded order, with less padding, and the same log-probs.</summary>
public sealed class BucketingTests
{
    private static readonly int[] Lengths = Enumerable.Range(0, 200).Select(i => 5 + (i * 37 % 40)).ToArray();

    [Fact]
    public void Every_example_comes_once_an_epoch_and_the_order_is_the_seed_s()
    {
        var batches = Batching.Shuffled(200, 10, 40, seed: 3, i => Lengths[i]).ToList();

        Assert.Equal(Enumerable.Range(1, 40), batches.Select(b => b.Step));
        Assert.All(batches, b => Assert.Equal(10, b.Indices.Count));
        // 40 batches of 10 are two epochs of 200: each example twice.
        Assert.All(batches.SelectMany(b => b.Indices).GroupBy(i => i), g => Assert.Equal(2, g.Count()));
        Assert.Equal(batches.SelectMany(b => b.Indices), Batching.Shuffled(200, 10, 40, seed: 3, i => Lengths[i]).SelectMany(b => b.Indices));
        Assert.NotEqual(batches.SelectMany(b => b.Indices), Batching.Shuffled(200, 10, 40, seed: 4, i => Lengths[i]).SelectMany(b => b.Indices));
    }

    [Fact]
    public void Without_lengths_the_order_is_the_plain_shuffle()
    {
        var random = new Random(5);
        var order = Enumerable.Range(0, 30).ToArray();
        random.Shuffle(order);
        Assert.Equal(order[..10], Batching.Shuffled(30, 10, 1, seed: 5).Single().Indices);
    }

    [Fact]
    public void Buckets_pad_fewer_positions_than_plain_batches()
    {
        static double Padding(IEnumerable<(int Step, IReadOnlyList<int> Indices)> batches) =>
            batches.Sum(b => b.Indices.Count * b.Indices.Max(i => Lengths[i]) - b.Indices.Sum(i => Lengths[i]))
            / (double)batches.Sum(b => b.Indices.Count * b.Indices.Max(i => Lengths[i]));

        var plain = Padding(Batching.Shuffled(200, 10, 40, seed: 3));
        var bucketed = Padding(Batching.Shuffled(200, 10, 40, seed: 3, i => Lengths[i]));

        Assert.True(bucketed < plain / 3, $"padding {bucketed:P0} bucketed against {plain:P0} plain");
    }

    [Fact]
    public void Pairs_stay_together_in_their_batch()
    {
        var tokenizer = new CompactTokenizer(Enumerable.Range(0, 30));
        var pairs = Enumerable.Range(0, 40).Select(i => (
            new TokenizedSequence(Enumerable.Range(3, 4 + i % 9).ToArray(), 2),
            new TokenizedSequence(Enumerable.Range(3, 4 + i * 5 % 11).ToArray(), 2))).ToList();
        var data = new PreferenceData(pairs);

        foreach (var (_, batch) in data.Batches(4, 20, seed: 1, byLength: true))
        {
            using var scope = NewDisposeScope();
            var tensors = batch.ToDevice(CPU);
            var indices = tensors.Indices!.data<long>().ToArray();
            // Row r (chosen) and row r + 4 (rejected) are the same pair.
            Assert.Equal(indices[..4], indices[4..]);
            Assert.Equal((float)pairs[(int)indices[0]].Item1.Tokens.Length, tensors.LossMask[0].sum().item<float>() + 2);
        }
    }

    [Fact]
    public void Log_probs_of_a_row_do_not_depend_on_the_padding_of_its_batch()
    {
        random.manual_seed(2);
        var tokenizer = new CompactTokenizer(Enumerable.Range(0, 30));
        using var policy = new Policy(new TinyGpt(new ModelConfig(2, 16, 2, 32, tokenizer.VocabularySize)), tokenizer, CPU);
        var short1 = new TokenizedSequence([5, 6, 7, 8, 9], 2);
        var short2 = new TokenizedSequence([9, 8, 7, 6], 1);
        var longRow = new TokenizedSequence(Enumerable.Range(4, 20).ToArray(), 3);
        using var _ = no_grad();

        // A bucket holds the two short rows alone; a plain batch pads them to the long row's length.
        var bucket = policy.CompletionLogProbs(new SequenceBatch([short1, short2]).ToDevice(CPU)).Sum;
        var padded = policy.CompletionLogProbs(new SequenceBatch([short1, short2, longRow]).ToDevice(CPU)).Sum[..2];

        Assert.True(bucket.allclose(padded, rtol: 1e-5, atol: 1e-5), $"{string.Join(", ", bucket.data<float>().ToArray())} against {string.Join(", ", padded.contiguous().data<float>().ToArray())}");
    }
}
