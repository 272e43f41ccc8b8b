using AlignDsl.Tokenization;

namespace AlignDsl.Data;

/// <summary>Tokenized demonstrations for supervised fine-tuning.</summary>
public sealed class DemonstrationData(IReadOnlyList<TokenizedSequence> sequences)
{
    public IReadOnlyList<TokenizedSequence> Sequences { get; } = sequences;

    public static DemonstrationData Tokenize(IEnumerable<Demonstration> demonstrations, ITokenizer tokenizer, int maxLength) =>
        new(demonstrations.Select(d => TokenizedSequence.Create(tokenizer, d.Prompt, d.Completion, maxLength)).ToList());

    /// <summary>Shuffled training batches, reshuffled each epoch, numbered from 1.</summary>
    /// <param name="byLength">Bucket sequences of like length.</param>
    public IEnumerable<(int Step, SequenceBatch Batch)> Batches(int batchSize, int steps, int seed, bool byLength = false) =>
        Batching.Shuffled(Sequences.Count, batchSize, steps, seed, byLength ? i => Sequences[i].Tokens.Length : null).Select(b => (b.Step, new SequenceBatch(b.Indices.Select(i => Sequences[i]).ToList(), b.Indices)));

    /// <summary>Every sequence once, in order, for evaluation.</summary>
    public IEnumerable<SequenceBatch> InOrder(int batchSize) => Sequences.Chunk(batchSize).Select(c => new SequenceBatch(c));
}
