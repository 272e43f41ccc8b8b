using AlignDsl.Tokenization;

namespace AlignDsl.Data;

/// <summary>Tokenized preference pairs, batched as chosen rows followed by rejected rows, each pair with its weight.</summary>
public sealed class PreferenceData
{
    /// <param name="pairs">The tokenized pairs.</param>
    /// <param name="weights">Each pair's <see cref="PreferencePair.Weight"/>; all 1 when not given.</param>
    public PreferenceData(IReadOnlyList<(TokenizedSequence Chosen, TokenizedSequence Rejected)> pairs, IReadOnlyList<float>? weights = null)
    {
        if (weights is not null && weights.Count != pairs.Count)
            throw new ArgumentException($"{weights.Count} weights for {pairs.Count} pairs.", nameof(weights));
        Pairs = pairs;
        Weights = weights ?? Enumerable.Repeat(1f, pairs.Count).ToArray();
    }

    public IReadOnlyList<(TokenizedSequence Chosen, TokenizedSequence Rejected)> Pairs { get; }

    /// <summary>Each pair's weight, carried into its batches for a weighted loss.</summary>
    public IReadOnlyList<float> Weights { get; }

    /// <summary>Tokenizes the pairs on every core, in order (the prompt encoded once per pair); a large input shows progress.</summary>
    /// <param name="threads">0 for every core; 1 tokenizes serially, with the same result.</param>
    public static PreferenceData Tokenize(IEnumerable<PreferencePair> pairs, ITokenizer tokenizer, int maxLength, int threads = 0)
    {
        var rows = ParallelRows.Map(pairs, p =>
        {
            var prompt = TokenizedSequence.EncodePrompt(tokenizer, p.Prompt);
            return (Chosen: TokenizedSequence.FromIds(tokenizer, prompt, tokenizer.Encode(p.Chosen), maxLength),
                    Rejected: TokenizedSequence.FromIds(tokenizer, prompt, tokenizer.Encode(p.Rejected), maxLength), Weight: (float)p.Weight);
        }, threads, "pairs");
        return new(rows.Select(r => (r.Chosen, r.Rejected)).ToArray(), rows.Select(r => r.Weight).ToArray());
    }

    /// <summary>Shuffled training batches of <paramref name="batchSize"/> pairs, reshuffled each epoch, numbered from 1.</summary>
    /// <param name="byLength">Bucket pairs of like length (a pair's length: its longer row; chosen and rejected stay together).</param>
    public IEnumerable<(int Step, SequenceBatch Batch)> Batches(int batchSize, int steps, int seed, bool byLength = false) =>
        Batching.Shuffled(Pairs.Count, batchSize, steps, seed, byLength ? i => Math.Max(Pairs[i].Chosen.Tokens.Length, Pairs[i].Rejected.Tokens.Length) : null)
            .Select(b => (b.Step, ToBatch(b.Indices)));

    /// <summary>Every pair once, in order, for evaluation and precomputation.</summary>
    public IEnumerable<SequenceBatch> InOrder(int batchSize) => Enumerable.Range(0, Pairs.Count).Chunk(batchSize).Select(ToBatch);

    /// <summary>Rows: the chosen sequences, then the rejected ones; both halves carry the pair indices; one weight per pair.</summary>
    private SequenceBatch ToBatch(IReadOnlyList<int> indices) =>
        new(indices.Select(i => Pairs[i].Chosen).Concat(indices.Select(i => Pairs[i].Rejected)).ToList(), indices.Concat(indices).ToList(),
            weights: indices.Select(i => Weights[i]).ToList());
}
