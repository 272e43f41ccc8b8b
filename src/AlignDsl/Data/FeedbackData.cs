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

    /// <summary>
    /// Tokenizes on every core, in order; a large input shows progress. Prompts and completions are encoded once each and
    /// paired as ids, so the mismatched completion is never read again.
    /// </summary>
    /// <param name="threads">0 for every core; 1 tokenizes serially, with the same result.</param>
    public static FeedbackData Tokenize(IReadOnlyList<Feedback> feedback, ITokenizer tokenizer, int maxLength, int threads = 0)
    {
        var encoded = ParallelRows.Map(feedback, f => (Prompt: TokenizedSequence.EncodePrompt(tokenizer, f.Prompt), Completion: tokenizer.Encode(f.Completion), f.Desirable),
            threads, "rows");
        var offset = Math.Max(1, encoded.Length / 2);
        return new(encoded.Select((f, i) => (
            TokenizedSequence.FromIds(tokenizer, f.Prompt, f.Completion, maxLength),
            TokenizedSequence.FromIds(tokenizer, f.Prompt, encoded[(i + offset) % encoded.Length].Completion, maxLength),
            f.Desirable)).ToArray());
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
