using System.Collections;

namespace AlignDsl.Data;

/// <summary>
/// Tokenized sequences packed end to end in blocks of ids, with each one's place, length and prompt length: 200,000
/// pairs hold their token ids and 20 bytes a sequence, not an object and an array each. A sequence is copied out when
/// read, which batching does for a few rows a step.
/// </summary>
public sealed class PackedSequences : IReadOnlyList<TokenizedSequence>
{
    // A sequence never spans two blocks; blocks are never copied to grow, so packing does not double its memory. They
    // double in size up to a limit, so a small data set holds a small block and a large one a few hundred large ones.
    private const int FirstBlockIds = 1 << 12, LargestBlockIds = 1 << 20;
    private readonly List<int[]> _blocks = [];
    private int _used;
    private int[] _blockOf = new int[256];
    private int[] _starts = new int[256];
    private int[] _lengths = new int[256];
    private int[] _promptLengths = new int[256];
    // Few sequences learn ranges of their prompt (multi-turn conversations): kept aside, by index.
    private readonly Dictionary<int, int[]> _promptAnswers = [];

    public int Count { get; private set; }

    /// <summary>The sequences, packed in order.</summary>
    public static PackedSequences Of(IEnumerable<TokenizedSequence> sequences)
    {
        var packed = new PackedSequences();
        foreach (var sequence in sequences) packed.Add(sequence);
        return packed.TrimExcess();
    }

    /// <summary>Appends a sequence: its ids are copied.</summary>
    public void Add(TokenizedSequence sequence)
    {
        var tokens = sequence.Tokens;
        if (_blocks.Count == 0 || _used + tokens.Length > _blocks[^1].Length)
        {
            var size = _blocks.Count == 0 ? FirstBlockIds : Math.Min(_blocks[^1].Length * 2, LargestBlockIds);
            _blocks.Add(new int[Math.Max(size, tokens.Length)]);
            _used = 0;
        }
        if (Count == _starts.Length)
        {
            var size = Math.Max(256, Count * 2);
            Array.Resize(ref _blockOf, size);
            Array.Resize(ref _starts, size);
            Array.Resize(ref _lengths, size);
            Array.Resize(ref _promptLengths, size);
        }
        tokens.CopyTo(_blocks[^1], _used);
        (_blockOf[Count], _starts[Count], _lengths[Count], _promptLengths[Count]) = (_blocks.Count - 1, _used, tokens.Length, sequence.PromptLength);
        if (sequence.PromptAnswers is { } answers) _promptAnswers[Count] = answers;
        _used += tokens.Length;
        Count++;
    }

    /// <summary>Gives back the room left for sequences not added: done adding, the data set holds its ids and little more.</summary>
    public PackedSequences TrimExcess()
    {
        if (_blocks.Count > 0 && _used < _blocks[^1].Length) _blocks[^1] = _blocks[^1][.._used];
        Array.Resize(ref _blockOf, Count);
        Array.Resize(ref _starts, Count);
        Array.Resize(ref _lengths, Count);
        Array.Resize(ref _promptLengths, Count);
        return this;
    }

    /// <summary>A sequence's length in tokens, without copying it out (for bucketing by length).</summary>
    public int LengthOf(int index) => _lengths[Check(index)];

    public TokenizedSequence this[int index]
    {
        get
        {
            Check(index);
            return new TokenizedSequence(_blocks[_blockOf[index]].AsSpan(_starts[index], _lengths[index]).ToArray(), _promptLengths[index])
            {
                PromptAnswers = _promptAnswers.TryGetValue(index, out var answers) ? answers : null,
            };
        }
    }

    public IEnumerator<TokenizedSequence> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int Check(int index) => (uint)index < (uint)Count ? index : throw new ArgumentOutOfRangeException(nameof(index), index, $"{Count} sequences");
}
