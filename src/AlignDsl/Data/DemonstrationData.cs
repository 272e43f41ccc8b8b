using AlignDsl.Tokenization;

namespace AlignDsl.Data;

/// <summary>Tokenized demonstrations for supervised fine-tuning.</summary>
public sealed class DemonstrationData(IReadOnlyList<TokenizedSequence> sequences)
{
    public IReadOnlyList<TokenizedSequence> Sequences { get; } = sequences;

    /// <summary>Tokenizes the demonstrations on every core, in order; a large input shows progress.</summary>
    /// <param name="threads">0 for every core; 1 tokenizes serially, with the same result.</param>
    public static DemonstrationData Tokenize(IEnumerable<Demonstration> demonstrations, ITokenizer tokenizer, int maxLength, int threads = 0) =>
        new(ParallelRows.Map(demonstrations, d => TokenizedSequence.Create(tokenizer, d.Prompt, d.Completion, maxLength), threads, "rows"));

    /// <summary>Shuffled training batches, reshuffled each epoch, numbered from 1.</summary>
    /// <param name="byLength">Bucket sequences of like length.</param>
    public IEnumerable<(int Step, SequenceBatch Batch)> Batches(int batchSize, int steps, int seed, bool byLength = false) =>
        Batching.Shuffled(Sequences.Count, batchSize, steps, seed, byLength ? i => Sequences[i].Tokens.Length : null).Select(b => (b.Step, new SequenceBatch(b.Indices.Select(i => Sequences[i]).ToList(), b.Indices)));

    /// <summary>Every sequence once, in order, for evaluation.</summary>
    public IEnumerable<SequenceBatch> InOrder(int batchSize) => Sequences.Chunk(batchSize).Select(c => new SequenceBatch(c));
}
