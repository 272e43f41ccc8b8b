using AlignDsl.Tokenization;

namespace AlignDsl.Data;

/// <summary>
/// Tokenized unpaired feedback for KTO. Each example also carries a mismatched sequence, its prompt with the
/// completion of the example half the data set away: the samples of KTO's KL baseline. Fixing the mismatch once
/// (as TRL does) lets the reference's log-probs be precomputed.
/// </summary>
public sealed class FeedbackData(IReadOnlyList<(TokenizedSequence Matched, TokenizedSequence Mismatched, bool Desirable)> examples)
{
    public IReadOnlyList<(TokenizedSequence Matched, TokenizedSequence Mismatched, bool Desirable)> Examples { get; } = examples;

    public static FeedbackData Tokenize(IReadOnlyList<Feedback> feedback, ITokenizer tokenizer, int maxLength)
    {
        var offset = Math.Max(1, feedback.Count / 2);
        return new(feedback.Select((f, i) => (
            TokenizedSequence.Create(tokenizer, f.Prompt, f.Completion, maxLength),
            TokenizedSequence.Create(tokenizer, f.Prompt, feedback[(i + offset) % feedback.Count].Completion, maxLength),
            f.Desirable)).ToList());
    }

    /// <summary>Shuffled batches: matched rows, then their mismatched rows; labels for the matched rows.</summary>
    /// <param name="byLength">Bucket examples of like length (an example's: its longer row).</param>
    public IEnumerable<(int Step, SequenceBatch Batch)> Batches(int batchSize, int steps, int seed, bool byLength = false) =>
        Batching.Shuffled(Examples.Count, batchSize, steps, seed,
            byLength ? i => Math.Max(Examples[i].Matched.Tokens.Length, Examples[i].Mismatched.Tokens.Length) : null).Select(b => (b.Step, ToBatch(b.Indices)));

    /// <summary>Every example once, in order, for precomputation.</summary>
    public IEnumerable<SequenceBatch> InOrder(int batchSize) => Enumerable.Range(0, Examples.Count).Chunk(batchSize).Select(ToBatch);

    private SequenceBatch ToBatch(IReadOnlyList<int> indices) => new(
        indices.Select(i => Examples[i].Matched).Concat(indices.Select(i => Examples[i].Mismatched)).ToList(),
        indices.Concat(indices).ToList(),
        indices.Select(i => Examples[i].Desirable ? 1f : 0f).ToList());
}
