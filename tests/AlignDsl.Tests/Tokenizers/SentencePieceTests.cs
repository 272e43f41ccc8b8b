using AlignDsl.Tokenization;

namespace AlignDsl.Tests.Tokenizers;

/// <summary>
/// A SentencePiece BPE model written byte by byte (tokenizer.model is a protobuf ModelProto), small enough to run by
/// hand. SentencePiece's BPE prefixes "▁" and writes spaces as "▁", then repeatedly merges the adjacent pair whose
/// joined piece has the highest score.
/// </summary>
public sealed class SentencePieceTests
{
    private static readonly (string Piece, float Score, int Type)[] Pieces =
    [
        ("<unk>", 0, 2), ("<s>", 0, 3), ("</s>", 0, 3),
        ("▁", -10, 1), ("h", -11, 1), ("e", -12, 1), ("l", -13, 1), ("o", -14, 1), ("w", -15, 1), ("r", -16, 1), ("d", -17, 1),
        ("ll", -1, 1), ("he", -2, 1), ("hell", -3, 1), ("▁hell", -4, 1), ("or", -5, 1), ("▁w", -6, 1), ("▁wor", -8, 1),
    ];

    [Fact]
    public void A_sentencepiece_bpe_model_encodes_by_score()
    {
        // ▁ h e l l o ▁ w o r l d → ll (−1) → he (−2) → hell (−3) → ▁hell (−4) → or (−5) → ▁w (−6) → ▁wor (−8):
        // ▁hell o ▁wor l d
        using var folder = new TokenizerFolder();
        File.WriteAllBytes(Path.Combine(folder.Path, "tokenizer.model"), ModelProto());
        var tokenizer = HfTokenizer.Load(folder.Path);
        Assert.Equal("SentencePiece (tokenizer.model)", tokenizer.Kind);
        Assert.Equal(new[] { 14, 7, 17, 6, 10 }, tokenizer.Encode("hello world"));
        Assert.Equal("hello world", tokenizer.Decode([14, 7, 17, 6, 10]));
        Assert.Equal((1, 2, 0), (tokenizer.BeginningOfSequence, tokenizer.EndOfSequence, tokenizer.Unknown));
        Assert.Equal(new[] { 1, 14, 7 }, tokenizer.EncodeWithSpecialTokens("hello"));
    }

    // ModelProto { repeated SentencePiece pieces = 1; TrainerSpec trainer_spec = 2; NormalizerSpec normalizer_spec = 3; }
    private static byte[] ModelProto()
    {
        var model = new List<byte>();
        foreach (var (piece, score, type) in Pieces)
        {
            var entry = new List<byte>();
            Bytes(entry, 1, System.Text.Encoding.UTF8.GetBytes(piece));
            entry.Add((2 << 3) | 5);
            entry.AddRange(BitConverter.GetBytes(score));
            Varint(entry, 3, (ulong)type);
            Bytes(model, 1, entry.ToArray());
        }
        var trainer = new List<byte>();
        Varint(trainer, 3, 2); // model_type = BPE
        Varint(trainer, 40, 0); // unk_id
        Varint(trainer, 41, 1); // bos_id
        Varint(trainer, 42, 2); // eos_id
        Bytes(model, 2, trainer.ToArray());
        var normalizer = new List<byte>();
        Bytes(normalizer, 1, "identity"u8.ToArray());
        Varint(normalizer, 3, 1); // add_dummy_prefix
        Varint(normalizer, 4, 0); // remove_extra_whitespaces
        Varint(normalizer, 5, 1); // escape_whitespaces
        Bytes(model, 3, normalizer.ToArray());
        return model.ToArray();
    }

    private static void Varint(List<byte> to, int field, ulong value)
    {
        Raw(to, (ulong)(field << 3));
        Raw(to, value);
    }

    private static void Bytes(List<byte> to, int field, byte[] value)
    {
        Raw(to, (ulong)((field << 3) | 2));
        Raw(to, (ulong)value.Length);
        to.AddRange(value);
    }

    private static void Raw(List<byte> to, ulong value)
    {
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            to.Add(value == 0 ? b : (byte)(b | 0x80));
        } while (value != 0);
    }
}
