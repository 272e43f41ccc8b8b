using AlignDsl.Data;
using AlignDsl.Rules;
using AlignDsl.Training;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Training;

/// <summary>PPO's mini-batches: every row once per epoch, in an order the run's generator decides.</summary>
public sealed class MiniBatchesTests
{
    /// <summary>A rollout of <paramref name="prompts"/> prompts × <paramref name="perPrompt"/> answers, row r holding token 10 + r.</summary>
    private static Rollout Rows(int prompts, int perPrompt)
    {
        var rows = prompts * perPrompt;
        var sequences = Enumerable.Range(0, rows).Select(r => new TokenizedSequence([1, 10 + r, 2], 1)).ToList();
        var batch = new SequenceBatch(sequences);
        return new Rollout(Enumerable.Repeat("p", rows).ToList(), Enumerable.Repeat("a", rows).ToList(), sequences, batch.ToDevice(CPU), batch.TokenCount)
        {
            SamplesPerPrompt = perPrompt,
        };
    }

    private static long[] Order(IReadOnlyList<Tensor> miniBatches) => miniBatches.SelectMany(m => m.data<long>().ToArray()).ToArray();

    [Fact]
    public void Each_epoch_visits_every_row_exactly_once_in_equal_mini_batches()
    {
        var rollout = Rows(prompts: 4, perPrompt: 3);
        var generator = new Generator(7);
        var epochs = Enumerable.Range(0, 3).Select(_ => MiniBatches.Shuffled(rollout, 4, generator)).ToList();
        foreach (var epoch in epochs)
        {
            Assert.Equal(4, epoch.Count);
            Assert.All(epoch, m => Assert.Equal(3, m.shape[0]));
            Assert.Equal(Enumerable.Range(0, 12).Select(i => (long)i), Order(epoch).Order());
        }
        // Shuffled, and afresh each epoch.
        Assert.NotEqual(Enumerable.Range(0, 12).Select(i => (long)i), Order(epochs[0]));
        Assert.NotEqual(Order(epochs[0]), Order(epochs[1]));
    }

    [Fact]
    public void The_same_generator_state_gives_the_same_order()
    {
        var rollout = Rows(prompts: 4, perPrompt: 2);
        var (first, second) = (new Generator(3), new Generator(3));
        Assert.Equal(Order(MiniBatches.Shuffled(rollout, 2, first)), Order(MiniBatches.Shuffled(rollout, 2, second)));
        Assert.Equal(Order(MiniBatches.Shuffled(rollout, 2, first)), Order(MiniBatches.Shuffled(rollout, 2, second)));
    }

    [Fact]
    public void A_mini_batch_selects_its_rows_tokens_and_mask()
    {
        var rollout = Rows(prompts: 3, perPrompt: 2);
        var part = MiniBatches.Select(rollout.Batch, tensor(new long[] { 4, 1 }));
        Assert.Equal(new long[] { 1, 14, 2, 1, 11, 2 }, part.Tokens.data<long>().ToArray());
        Assert.Equal(new float[] { 1, 1, 1, 1 }, part.LossMask.data<float>().ToArray());
        Assert.Equal(new long[] { 2, 2 }, part.LastToken.data<long>().ToArray());
    }

    [Fact]
    public void Rows_that_do_not_split_evenly_are_refused_with_align087()
    {
        // A batch size given at run time (--batch-size) can break what the compile-time rule checked.
        var error = Assert.Throws<RuleViolationException>(() => MiniBatches.Shuffled(Rows(prompts: 5, perPrompt: 1), 2, new Generator(1)));
        Assert.Equal("ALIGN087", error.Violations.Single().Rule.Id);
    }
}
