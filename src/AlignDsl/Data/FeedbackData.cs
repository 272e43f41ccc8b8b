using AlignDsl.Tokenization;

namespace AlignDsl.Data;

/// <summary>
/// Tokenized unpaired feedback for KTO. Each example also carries a mismatched sequence, its prompt with the
/// completion of the example half the data set away: the samples of KTO's KL baseline. Fixing the mismatch once
/// (as TRL does) lets the reference's log-probs be precomputed.
/// </summary>
public sealed class FeedbackData
{
    private readonly PackedSequences _matched, _mismatched;
    private readonly bool[] _desirable;

    public FeedbackData(IReadOnlyList<(TokenizedSequence Matched, TokenizedSequence Mismatched, bool Desirable)> examples)
        : this(PackedSequences.Of(examples.Select(e => e.Matched)), PackedSequences.Of(examples.Select(e => e.Mismatched)), examples.Select(e => e.Desirable).ToArray()) { }

    private FeedbackData(PackedSequences matched, PackedSequences mismatched, bool[] desirable)
    {
        (_matched, _mismatched, _desirable) = (matched, mismatched, desirable);
        Examples = new ExampleList(this);
    }

    /// <summary>The examples, each copied out of the packed token ids when read.</summary>
    public IReadOnlyList<(TokenizedSequence Matched, TokenizedSequence Mismatched, bool Desirable)> Examples { get; }

    /// <summary>
    /// Tokenizes on every core, in order; a large input shows progress. Prompts and completions are encoded once each and
    /// paired as ids, so the mismatched completion is never read again.
    /// </summary>
    /// <param name="threads">0 for every core; 1 tokenizes serially, with the same result.</param>
    public static FeedbackData Tokenize(IReadOnlyList<Feedback> feedback, ITokenizer tokenizer, int maxLength, int threads = 0)
    {
        var encoded = new List<(int[] Prompt, int[] Completion, bool Desirable)>(feedback.Count);
        ParallelRows.Map(feedback, f => (TokenizedSequence.EncodePrompt(tokenizer, f.Prompt), tokenizer.Encode(f.Completion), f.Desirable), encoded.Add, threads, "rows");
        var offset = Math.Max(1, encoded.Count / 2);
        var (matched, mismatched) = (new PackedSequences(), new PackedSequences());
        for (var i = 0; i < encoded.Count; i++)
        {
            matched.Add(TokenizedSequence.FromIds(tokenizer, encoded[i].Prompt, encoded[i].Completion, maxLength));
            mismatched.Add(TokenizedSequence.FromIds(tokenizer, encoded[i].Prompt, encoded[(i + offset) % encoded.Count].Completion, maxLength));
        }
        return new(matched.TrimExcess(), mismatched.TrimExcess(), encoded.Select(e => e.Desirable).ToArray());
    }

    /// <summary>Shuffled batches: matched rows, then their mismatched rows; labels for the matched rows.</summary>
    /// <param name="byLength">Bucket examples of like length (an example's: its longer row).</param>
    public IEnumerable<(int Step, SequenceBatch Batch)> Batches(int batchSize, int steps, int seed, bool byLength = false) =>
        Batching.Shuffled(Examples.Count, batchSize, steps, seed,
            byLength ? i => Math.Max(_matched.LengthOf(i), _mismatched.LengthOf(i)) : null).Select(b => (b.Step, ToBatch(b.Indices)));

    /// <summary>Every example once, in order, for precomputation.</summary>
    public IEnumerable<SequenceBatch> InOrder(int batchSize) => Enumerable.Range(0, Examples.Count).Chunk(batchSize).Select(ToBatch);

    private SequenceBatch ToBatch(IReadOnlyList<int> indices) => new(
        indices.Select(i => _matched[i]).Concat(indices.Select(i => _mismatched[i])).ToList(),
        indices.Concat(indices).ToList(),
        indices.Select(i => _desirable[i] ? 1f : 0f).ToList());

    private sealed class ExampleList(FeedbackData data) : IReadOnlyList<(TokenizedSequence Matched, TokenizedSequence Mismatched, bool Desirable)>
    {
        public int Count => data._desirable.Length;

        public (TokenizedSequence Matched, TokenizedSequence Mismatched, bool Desirable) this[int index] =>
            (data._matched[index], data._mismatched[index], data._desirable[index]);

        public IEnumerator<(TokenizedSequence Matched, TokenizedSequence Mismatched, bool Desirable)> GetEnumerator()
        {
            for (var i = 0; i < Count; i++) yield return this[i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
