using Microsoft.ML.Tokenizers;

namespace AlignDsl.Tokenization;

/// <summary>
/// GPT-2 byte-pair encoding with a compact vocabulary: only the GPT-2 tokens that occur in the corpus the model
/// was built for keep an id, so a tiny model does not spend most of its weights on 50,257 embedding rows.
/// Ids 0–2 are padding, end of sequence and unknown; the rest map one to one to GPT-2 ids, in ascending order.
/// </summary>
public sealed class CompactTokenizer : ITokenizer
{
    public const int Pad = 0, EndOfSequence = 1, Unknown = 2;
    private const int Specials = 3;

    private static readonly Lazy<Tokenizer> Gpt2 = new(() => TiktokenTokenizer.CreateForModel("gpt2"));
    private readonly Dictionary<int, int> _fromGpt2;

    /// <param name="gpt2Ids">The GPT-2 ids the vocabulary keeps, e.g. from a saved checkpoint.</param>
    public CompactTokenizer(IEnumerable<int> gpt2Ids)
    {
        Gpt2Ids = gpt2Ids.Distinct().Order().ToArray();
        _fromGpt2 = Gpt2Ids.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index + Specials);
    }

    /// <summary>The kept GPT-2 ids; compact id = index + 3.</summary>
    public IReadOnlyList<int> Gpt2Ids { get; }

    public int VocabularySize => Gpt2Ids.Count + Specials;

    int? ITokenizer.BeginningOfSequence => null;
    int? ITokenizer.EndOfSequence => EndOfSequence;
    int? ITokenizer.Padding => Pad;
    int? ITokenizer.Unknown => Unknown;

    /// <summary>None: GPT-2's one special token, <c>&lt;|endoftext|&gt;</c>, is not matched in text here; end of sequence has its own id.</summary>
    public IReadOnlyDictionary<string, int> SpecialTokens { get; } = new Dictionary<string, int>();

    /// <summary>A vocabulary holding every token of the given texts, encoded on every core (the set of ids has no order to keep).</summary>
    public static CompactTokenizer FromCorpus(IEnumerable<string> texts) =>
        new(texts.AsParallel().Aggregate(() => new HashSet<int>(), (ids, text) => { ids.UnionWith(Gpt2.Value.EncodeToIds(text)); return ids; },
            (all, some) => { all.UnionWith(some); return all; }, all => all));

    public int[] Encode(string text) =>
        Gpt2.Value.EncodeToIds(text).Select(id => _fromGpt2.TryGetValue(id, out var compact) ? compact : Unknown).ToArray();

    public IReadOnlyList<TokenSpan> EncodeWithSpans(string text) =>
        Gpt2.Value.EncodeToTokens(text, out _)
            .Select(t => new TokenSpan(_fromGpt2.TryGetValue(t.Id, out var compact) ? compact : Unknown, t.Offset.Start.Value, t.Offset.End.Value - t.Offset.Start.Value))
            .ToArray();

    /// <summary>Text of the ids up to the first end-of-sequence; padding is skipped, unknown ids read as "?".</summary>
    public string Decode(IEnumerable<int> ids)
    {
        var gpt2 = new List<int>();
        var text = new System.Text.StringBuilder();
        foreach (var id in ids)
        {
            if (id == EndOfSequence) break;
            if (id == Pad) continue;
            if (id == Unknown || id - Specials >= Gpt2Ids.Count) { Flush(); text.Append('?'); continue; }
            gpt2.Add(Gpt2Ids[id - Specials]);
        }
        Flush();
        return text.ToString();

        void Flush()
        {
            if (gpt2.Count == 0) return;
            text.Append(Gpt2.Value.Decode(gpt2));
            gpt2.Clear();
        }
    }
}
