using AlignDsl.Data;

namespace AlignDsl.Tests.Data;

public sealed class PackedSequencesTests
{
    [Fact]
    public void Sequences_read_back_as_packed_across_blocks_of_ids()
    {
        var random = new Random(3);
        // About 1.6 million ids: more than one block, so some sequence starts a new block.
        var sequences = Enumerable.Range(0, 40_000).Select(i =>
        {
            var tokens = Enumerable.Range(0, random.Next(1, 80)).Select(_ => random.Next(50_000)).ToArray();
            return new TokenizedSequence(tokens, random.Next(tokens.Length));
        }).ToList();

        var packed = PackedSequences.Of(sequences);

        Assert.Equal(sequences.Count, packed.Count);
        Assert.True(sequences.Sum(s => s.Tokens.Length) > 1 << 20);
        for (var i = 0; i < sequences.Count; i++)
        {
            Assert.Equal(sequences[i].Tokens, packed[i].Tokens);
            Assert.Equal(sequences[i].PromptLength, packed[i].PromptLength);
            Assert.Equal(sequences[i].Tokens.Length, packed.LengthOf(i));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => packed[sequences.Count]);
    }
}
