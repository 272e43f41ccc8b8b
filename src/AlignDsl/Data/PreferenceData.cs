using System.Collections;
using AlignDsl.Tokenization;

namespace AlignDsl.Data;

/// <summary>Tokenized preference pairs, batched as chosen rows followed by rejected rows, each pair with its weight.</summary>
public sealed class PreferenceData
{
    private readonly PackedSequences _chosen, _rejected;

    /// <param name="pairs">The tokenized pairs.</param>
    /// <param name="weights">Each pair's <see cref="PreferencePair.Weight"/>; all 1 when not given.</param>
    public PreferenceData(IReadOnlyList<(TokenizedSequence Chosen, TokenizedSequence Rejected)> pairs, IReadOnlyList<float>? weights = null)
        : this(PackedSequences.Of(pairs.Select(p => p.Chosen)), PackedSequences.Of(pairs.Select(p => p.Rejected)), weights) { }

    private PreferenceData(PackedSequences chosen, PackedSequences rejected, IReadOnlyList<float>? weights, IReadOnlyList<float>? margins = null)
    {
        if (weights is not null && weights.Count != chosen.Count)
            throw new ArgumentException($"{weights.Count} weights for {chosen.Count} pairs.", nameof(weights));
        (_chosen, _rejected) = (chosen, rejected);
        Pairs = new PairList(chosen, rejected);
        Weights = weights ?? Enumerable.Repeat(1f, chosen.Count).ToArray();
        Margins = margins;
    }

    /// <summary>The pairs, each copied out of the packed token ids when read.</summary>
    public IReadOnlyList<(TokenizedSequence Chosen, TokenizedSequence Rejected)> Pairs { get; }

    /// <summary>Each pair's weight, carried into its batches for a weighted loss.</summary>
    public IReadOnlyList<float> Weights { get; }

    /// <summary>Each pair's <see cref="PreferencePair.Margin"/> (NaN where a pair has none), or null when no pair has one.</summary>
    public IReadOnlyList<float>? Margins { get; }

    /// <summary>Tokenizes the pairs on every core, in order (the prompt encoded once per pair); a large input shows progress.</summary>
    /// <param name="threads">0 for every core; 1 tokenizes serially, with the same result.</param>
    public static PreferenceData Tokenize(IEnumerable<PreferencePair> pairs, ITokenizer tokenizer, int maxLength, int threads = 0)
    {
        var (chosen, rejected, weights, margins) = (new PackedSequences(), new PackedSequences(), new List<float>(), new List<float>());
        ParallelRows.Map(pairs, p =>
        {
            var prompt = TokenizedSequence.EncodePrompt(tokenizer, p.Prompt);
            return (Chosen: TokenizedSequence.FromIds(tokenizer, prompt, tokenizer.Encode(p.Chosen), maxLength),
                    Rejected: TokenizedSequence.FromIds(tokenizer, prompt, tokenizer.Encode(p.Rejected), maxLength), Weight: (float)p.Weight,
                    Margin: p.Margin is { } m ? (float)m : float.NaN);
        }, pair =>
        {
            chosen.Add(pair.Chosen);
            rejected.Add(pair.Rejected);
            weights.Add(pair.Weight);
            margins.Add(pair.Margin);
        }, threads, "pairs");
        return new(chosen.TrimExcess(), rejected.TrimExcess(), weights.All(w => w == 1f) ? null : weights.ToArray(),
            margins.All(float.IsNaN) ? null : margins.ToArray());
    }

    /// <summary>Shuffled training batches of <paramref name="batchSize"/> pairs, reshuffled each epoch, numbered from 1.</summary>
    /// <param name="byLength">Bucket pairs of like length (a pair's length: its longer row; chosen and rejected stay together).</param>
    public IEnumerable<(int Step, SequenceBatch Batch)> Batches(int batchSize, int steps, int seed, bool byLength = false) =>
        Batching.Shuffled(Pairs.Count, batchSize, steps, seed, byLength ? i => Math.Max(_chosen.LengthOf(i), _rejected.LengthOf(i)) : null)
            .Select(b => (b.Step, ToBatch(b.Indices)));

    /// <summary>Every pair once, in order, for evaluation and precomputation.</summary>
    public IEnumerable<SequenceBatch> InOrder(int batchSize) => Enumerable.Range(0, Pairs.Count).Chunk(batchSize).Select(ToBatch);

    /// <summary>Rows: the chosen sequences, then the rejected ones; both halves carry the pair indices; one weight per pair.</summary>
    private SequenceBatch ToBatch(IReadOnlyList<int> indices) =>
        new(indices.Select(i => _chosen[i]).Concat(indices.Select(i => _rejected[i])).ToList(), indices.Concat(indices).ToList(),
            weights: indices.Select(i => Weights[i]).ToList(), margins: Margins is { } m ? indices.Select(i => m[i]).ToList() : null);

    private sealed class PairList(PackedSequences chosen, PackedSequences rejected) : IReadOnlyList<(TokenizedSequence Chosen, TokenizedSequence Rejected)>
    {
        public int Count => chosen.Count;

        public (TokenizedSequence Chosen, TokenizedSequence Rejected) this[int index] => (chosen[index], rejected[index]);

        public IEnumerator<(TokenizedSequence Chosen, TokenizedSequence Rejected)> GetEnumerator()
        {
            for (var i = 0; i < Count; i++) yield return this[i];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
