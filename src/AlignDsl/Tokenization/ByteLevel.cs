using System.Text;

namespace AlignDsl.Tokenization;

/// <summary>
/// GPT-2's byte-to-character table, which byte-level BPE vocabularies are written in: printable Latin-1 bytes stand
/// for themselves, the other 68 bytes for the characters from U+0100 on, in byte order (a space is "Ġ").
/// </summary>
internal static class ByteLevel
{
    private static readonly char[] Characters = Build();

    /// <summary>The text's UTF-8 bytes as vocabulary characters.</summary>
    public static string Encode(string text) => FromBytes(Encoding.UTF8.GetBytes(text));

    /// <summary>Bytes as vocabulary characters, one a byte.</summary>
    public static string FromBytes(ReadOnlySpan<byte> bytes)
    {
        var result = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++) result[i] = Characters[bytes[i]];
        return new string(result);
    }

    private static char[] Build()
    {
        var table = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
            table[b] = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF ? (char)b : (char)next++;
        return table;
    }
}
