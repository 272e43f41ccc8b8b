using AlignDsl.Data;
using AlignDsl.Tests.Tokenizers;
using AlignDsl.Tokenization;

namespace AlignDsl.Tests.Data;

/// <summary>Tokenizing on every core gives, row for row, what the serial loop gives, whether the rows are in memory or on disk.</summary>
public sealed class ParallelTokenizationTests : IDisposable
{
    private const int MaxLength = 48;
    private static readonly CompactTokenizer Compact = CompactTokenizer.FromCorpus(Gym.Corpus());
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"aligndsl-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_path);

    public static TheoryData<string> Tokenizers => ["compact", "gpt2-bpe"];

    private static ITokenizer Tokenizer(string name) => name == "compact" ? Compact : Gpt2Files.Tokenizer.Value;

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public void Pairs_tokenized_in_parallel_equal_the_serial_tokenization(string tokenizerName)
    {
        var tokenizer = Tokenizer(tokenizerName);
        VariedJsonl.WritePairs(_path, 3_000);
        var inMemory = JsonlReader.ReadPairs(_path);
        var weighted = inMemory.Select((p, i) => p with { Weight = 1.0 / (1 + i % 4) }).ToList();

        var serial = PreferenceData.Tokenize(weighted, tokenizer, MaxLength, threads: 1);
        var parallel = PreferenceData.Tokenize(weighted, tokenizer, MaxLength, threads: 4);
        var streamed = PreferenceData.Tokenize(JsonlReader.ReadPairsOrStream(_path, streamFromBytes: 0), tokenizer, MaxLength);

        AssertSame(serial.Pairs.Select(p => p.Chosen), parallel.Pairs.Select(p => p.Chosen));
        AssertSame(serial.Pairs.Select(p => p.Rejected), parallel.Pairs.Select(p => p.Rejected));
        Assert.Equal(serial.Weights, parallel.Weights);
        var unweighted = PreferenceData.Tokenize(inMemory, tokenizer, MaxLength, threads: 1);
        AssertSame(unweighted.Pairs.Select(p => p.Chosen), streamed.Pairs.Select(p => p.Chosen));
        AssertSame(unweighted.Pairs.Select(p => p.Rejected), streamed.Pairs.Select(p => p.Rejected));
        // The serial loop is the one-pair-at-a-time definition: each row is what TokenizedSequence.Create makes of it.
        var pair = inMemory[2_345];
        Assert.Equal(TokenizedSequence.Create(tokenizer, pair.Prompt, pair.Rejected, MaxLength).Tokens, serial.Pairs[2_345].Rejected.Tokens);
    }

    [Fact]
    public void Demonstrations_and_feedback_tokenized_in_parallel_equal_the_serial_tokenization()
    {
        VariedJsonl.WritePairs(_path, 2_000);
        var demonstrations = JsonlReader.ReadPairs(_path).Select(p => new Demonstration(p.Prompt, p.Chosen)).ToList();
        AssertSame(DemonstrationData.Tokenize(demonstrations, Compact, MaxLength, threads: 1).Sequences,
                   DemonstrationData.Tokenize(demonstrations, Compact, MaxLength, threads: 3).Sequences);

        VariedJsonl.WriteFeedback(_path, 2_001);
        var serial = FeedbackData.Tokenize(JsonlReader.ReadFeedback(_path), Compact, MaxLength, threads: 1);
        var streamed = FeedbackData.Tokenize(JsonlReader.ReadFeedbackOrStream(_path, streamFromBytes: 0), Compact, MaxLength);
        AssertSame(serial.Examples.Select(e => e.Matched), streamed.Examples.Select(e => e.Matched));
        AssertSame(serial.Examples.Select(e => e.Mismatched), streamed.Examples.Select(e => e.Mismatched));
        Assert.Equal(serial.Examples.Select(e => e.Desirable), streamed.Examples.Select(e => e.Desirable));
        // The mismatched completion is the one half the data set away, as before.
        var feedback = JsonlReader.ReadFeedback(_path);
        Assert.Equal(TokenizedSequence.Create(Compact, feedback[1_999].Prompt, feedback[(1_999 + 1_000) % 2_001].Completion, MaxLength).Tokens,
                     serial.Examples[1_999].Mismatched.Tokens);
    }

    private static void AssertSame(IEnumerable<TokenizedSequence> expected, IEnumerable<TokenizedSequence> actual)
    {
        var (e, a) = (expected.ToList(), actual.ToList());
        Assert.Equal(e.Count, a.Count);
        for (var i = 0; i < e.Count; i++)
        {
            Assert.True(e[i].Tokens.AsSpan().SequenceEqual(a[i].Tokens), $"row {i}: token ids differ");
            Assert.Equal(e[i].PromptLength, a[i].PromptLength);
        }
    }
}
