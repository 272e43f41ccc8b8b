using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AlignDsl.Tokenization;

/// <summary>
/// Learns a small byte-level BPE from texts and writes it as a Hugging Face tokenizer (<c>vocab.json</c>,
/// <c>merges.txt</c>, <c>tokenizer_config.json</c>), so a model made here reads text the way a downloaded one does. Ids
/// 0–255 are the bytes, then one id per merge in the order learned, then the special tokens: <c>&lt;|endoftext|&gt;</c>
/// (end of sequence and padding) and ChatML's <c>&lt;|im_start|&gt;</c> and <c>&lt;|im_end|&gt;</c>. Every text encodes:
/// a word the merges do not cover falls back to its bytes.
/// </summary>
public static class ByteLevelBpeTrainer
{
    public const string EndOfText = "<|endoftext|>", ImStart = "<|im_start|>", ImEnd = "<|im_end|>";

    /// <summary>Writes the tokenizer files into <paramref name="folder"/>; <paramref name="chatTemplate"/>, if given, becomes its <c>chat_template</c>.</summary>
    /// <returns>The vocabulary size (bytes, merges and special tokens).</returns>
    public static int Write(string folder, IEnumerable<string> texts, int maxMerges, string? chatTemplate = null)
    {
        var merges = Learn(texts, maxMerges);
        var vocabulary = new JsonObject();
        for (var b = 0; b < 256; b++) vocabulary[ByteLevel.FromBytes([(byte)b])] = b;
        foreach (var (left, right) in merges) vocabulary[left + right] = vocabulary.Count;
        var added = new JsonObject();
        foreach (var special in new[] { EndOfText, ImStart, ImEnd })
            added[vocabulary.Count + added.Count + ""] = new JsonObject { ["content"] = special, ["special"] = true };
        Directory.CreateDirectory(folder);
        var options = new JsonSerializerOptions { WriteIndented = true };
        File.WriteAllText(Path.Combine(folder, "vocab.json"), vocabulary.ToJsonString());
        File.WriteAllLines(Path.Combine(folder, "merges.txt"), merges.Select(m => $"{m.Left} {m.Right}").Prepend("#version: 0.2"));
        var config = new JsonObject
        {
            ["tokenizer_class"] = "GPT2Tokenizer",
            ["eos_token"] = EndOfText,
            ["pad_token"] = EndOfText,
            ["add_bos_token"] = false,
            ["added_tokens_decoder"] = added,
        };
        if (chatTemplate is not null) config["chat_template"] = chatTemplate;
        File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), config.ToJsonString(options));
        return vocabulary.Count + added.Count;
    }

    /// <summary>
    /// Up to <paramref name="maxMerges"/> merges, each of the most frequent adjacent pair inside the texts' words (split as
    /// GPT-2 splits them), ties broken by the pair's text so the result does not depend on the order of the texts.
    /// </summary>
    public static IReadOnlyList<(string Left, string Right)> Learn(IEnumerable<string> texts, int maxMerges)
    {
        var pattern = new Regex(HfTokenizerLoader.Gpt2Pattern);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
            foreach (Match piece in pattern.Matches(text))
            {
                var word = ByteLevel.Encode(piece.Value);
                counts[word] = counts.GetValueOrDefault(word) + 1;
            }
        var words = counts.Select(c => (Symbols: c.Key.Select(ch => ch.ToString()).ToList(), Count: c.Value)).ToList();
        var merges = new List<(string, string)>();
        while (merges.Count < maxMerges)
        {
            var pairs = new Dictionary<(string, string), int>();
            foreach (var (symbols, count) in words)
                for (var i = 0; i + 1 < symbols.Count; i++) pairs[(symbols[i], symbols[i + 1])] = pairs.GetValueOrDefault((symbols[i], symbols[i + 1])) + count;
            if (pairs.Count == 0) break;
            var best = pairs.OrderByDescending(p => p.Value).ThenBy(p => p.Key.Item1 + " " + p.Key.Item2, StringComparer.Ordinal).First();
            if (best.Value < 2) break;
            merges.Add(best.Key);
            foreach (var (symbols, _) in words)
                for (var i = 0; i + 1 < symbols.Count; i++)
                    if (symbols[i] == best.Key.Item1 && symbols[i + 1] == best.Key.Item2)
                    {
                        symbols[i] += symbols[i + 1];
                        symbols.RemoveAt(i + 1);
                    }
        }
        return merges;
    }
}
