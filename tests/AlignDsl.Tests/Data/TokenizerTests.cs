using AlignDsl.Data;
using AlignDsl.Tokenization;

namespace AlignDsl.Tests.Data;

public sealed class TokenizerTests
{
    private static readonly CompactTokenizer Tokenizer = CompactTokenizer.FromCorpus(Gym.Corpus());

    [Fact]
    public void Gym_texts_round_trip_through_a_compact_vocabulary()
    {
        foreach (var text in Gym.Corpus().Take(200))
            Assert.Equal(text, Tokenizer.Decode(Tokenizer.Encode(text)));
        Assert.InRange(Tokenizer.VocabularySize, 100, 1000);
    }

    [Fact]
    public void Text_outside_the_vocabulary_maps_to_unknown()
    {
        var ids = Tokenizer.Encode(" zyzzyva");
        Assert.Contains(CompactTokenizer.Unknown, ids);
        Assert.Contains("?", Tokenizer.Decode(ids));
    }

    [Fact]
    public void Decoding_stops_at_end_of_sequence_and_skips_padding()
    {
        var ids = Tokenizer.Encode(" paris").Prepend(CompactTokenizer.Pad).Append(CompactTokenizer.EndOfSequence).Concat(Tokenizer.Encode(" rome"));
        Assert.Equal(" paris", Tokenizer.Decode(ids));
    }

    [Fact]
    public void Sequences_are_cut_from_the_completion_end_and_keep_one_completion_token()
    {
        const string prompt = "user: what is the capital of france?\nassistant:", completion = " the capital of france is paris.";
        var (promptIds, completionIds) = (Tokenizer.Encode(prompt), Tokenizer.Encode(completion));
        var sequence = TokenizedSequence.Create(Tokenizer, prompt, completion, maxLength: promptIds.Length + 3);
        // The whole prompt and the completion's first three tokens: its end (and the end-of-sequence) are cut.
        Assert.Equal(promptIds.Concat(completionIds[..3]), sequence.Tokens);
        Assert.Equal(promptIds.Length, sequence.PromptLength);

        // A prompt too long for the budget loses its start and leaves exactly one completion token.
        var tight = TokenizedSequence.Create(Tokenizer, prompt, completion, maxLength: 4);
        Assert.Equal(promptIds[^3..].Append(completionIds[0]), tight.Tokens);
        Assert.Equal(1, tight.CompletionLength);
        var full = TokenizedSequence.Create(Tokenizer, "user: hi\nassistant:", " the capital of france is paris.", maxLength: 64);
        Assert.Equal(CompactTokenizer.EndOfSequence, full.Tokens[^1]);
    }
}
