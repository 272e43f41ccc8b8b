using AlignDsl.Tokenization;

namespace AlignDsl.Data;

/// <summary>Tokenized demonstrations for supervised fine-tuning.</summary>
public sealed class DemonstrationData(IReadOnlyList<TokenizedSequence> sequences)
{
    private readonly PackedSequences _sequences = sequences as PackedSequences ?? PackedSequences.Of(sequences);

    /// <summary>The sequences, each copied out of the packed token ids when read.</summary>
    public IReadOnlyList<TokenizedSequence> Sequences => _sequences;

    /// <summary>Tokenizes the demonstrations on every core, in order; a large input shows progress.</summary>
    /// <param name="threads">0 for every core; 1 tokenizes serially, with the same result.</param>
    public static DemonstrationData Tokenize(IEnumerable<Demonstration> demonstrations, ITokenizer tokenizer, int maxLength, int threads = 0)
    {
        var sequences = new PackedSequences();
        ParallelRows.Map(demonstrations, d => TokenizedSequence.Create(tokenizer, d.Prompt, d.Completion, maxLength, d.EarlierAnswers), sequences.Add, threads, "rows");
        return new(sequences.TrimExcess());
    }

    /// <summary>Shuffled training batches, reshuffled each epoch, numbered from 1.</summary>
    /// <param name="byLength">Bucket sequences of like length.</param>
    public IEnumerable<(int Step, SequenceBatch Batch)> Batches(int batchSize, int steps, int seed, bool byLength = false) =>
        Batching.Shuffled(Sequences.Count, batchSize, steps, seed, byLength ? _sequences.LengthOf : null).Select(b => (b.Step, new SequenceBatch(b.Indices.Select(i => Sequences[i]).ToList(), b.Indices)));

    /// <summary>Every sequence once, in order, for evaluation.</summary>
    public IEnumerable<SequenceBatch> InOrder(int batchSize) => Sequences.Chunk(batchSize).Select(c => new SequenceBatch(c));
}
