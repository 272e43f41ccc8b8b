using AlignDsl.Tokenization;

namespace AlignDsl.Data;

/// <summary>Tokenized preference pairs, batched as chosen rows followed by rejected rows.</summary>
public sealed class PreferenceData(IReadOnlyList<(TokenizedSequence Chosen, TokenizedSequence Rejected)> pairs)
{
    public IReadOnlyList<(TokenizedSequence Chosen, TokenizedSequence Rejected)> Pairs { get; } = pairs;

    public static PreferenceData Tokenize(IEnumerable<PreferencePair> pairs, CompactTokenizer tokenizer, int maxLength) =>
        new(pairs.Select(p => (TokenizedSequence.Create(tokenizer, p.Prompt, p.Chosen, maxLength),
                               TokenizedSequence.Create(tokenizer, p.Prompt, p.Rejected, maxLength))).ToList());

    /// <summary>Shuffled training batches of <paramref name="batchSize"/> pairs, reshuffled each epoch, numbered from 1.</summary>
    public IEnumerable<(int Step, SequenceBatch Batch)> Batches(int batchSize, int steps, int seed) =>
        Batching.Shuffled(Pairs.Count, batchSize, steps, seed).Select(b => (b.Step, ToBatch(b.Indices)));

    /// <summary>Every pair once, in order, for evaluation and precomputation.</summary>
    public IEnumerable<SequenceBatch> InOrder(int batchSize) => Enumerable.Range(0, Pairs.Count).Chunk(batchSize).Select(ToBatch);

    /// <summary>Rows: the chosen sequences, then the rejected ones; both halves carry the pair indices.</summary>
    private SequenceBatch ToBatch(IReadOnlyList<int> indices) =>
        new(indices.Select(i => Pairs[i].Chosen).Concat(indices.Select(i => Pairs[i].Rejected)).ToList(), indices.Concat(indices).ToList());
}
