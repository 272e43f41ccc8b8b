using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace AlignDsl.Tokenization;

/// <summary>
/// Reads a model folder's tokenizer files into an <see cref="HfTokenizer"/>. Kinds, in the order looked for:
/// <c>tokenizer.json</c> with a byte-level BPE model, <c>vocab.json</c> + <c>merges.txt</c> (GPT-2's layout, always
/// byte-level), <c>tokenizer.model</c> (SentencePiece). Anything else fails here, naming what was found, rather
/// than tokenizing differently from the model's training.
/// </summary>
internal static class HfTokenizerLoader
{
    /// <summary>GPT-2's pre-tokenizer pattern, which Hugging Face's ByteLevel pre-tokenizer applies when <c>use_regex</c> is on.</summary>
    internal const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    public static HfTokenizer Load(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Model folder '{folder}' does not exist.");
        var config = TokenizerConfig.Read(folder);
        if (File.Exists(Path.Combine(folder, "tokenizer.json"))) return FromTokenizerJson(folder, config);
        if (File.Exists(Path.Combine(folder, "vocab.json")) && File.Exists(Path.Combine(folder, "merges.txt"))) return FromVocabAndMerges(folder, config);
        if (File.Exists(Path.Combine(folder, "tokenizer.model"))) return FromSentencePiece(folder, config);
        var found = Directory.EnumerateFiles(folder).Select(Path.GetFileName).Order().ToList();
        throw new NotSupportedException(
            $"No tokenizer in '{folder}': expected tokenizer.json, vocab.json + merges.txt, or tokenizer.model; found {(found.Count == 0 ? "no files" : string.Join(", ", found))}.");
    }

    private static HfTokenizer FromTokenizerJson(string folder, TokenizerConfig config)
    {
        var path = Path.Combine(folder, "tokenizer.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var model = root.GetProperty("model");
        var type = model.TryGetProperty("type", out var t) ? t.GetString() : "BPE";
        if (type != "BPE")
            throw new NotSupportedException($"{path}: model type '{type}' is not supported; supported: byte-level BPE (tokenizer.json), vocab.json + merges.txt, SentencePiece tokenizer.model.");
        var pattern = PreTokenizerPattern(root, path);
        var normalizeNfc = Normalizer(root, path);
        if (model.TryGetProperty("byte_fallback", out var fallback) && fallback.ValueKind == JsonValueKind.True)
            throw new NotSupportedException($"{path}: model.byte_fallback (a SentencePiece-style BPE) is not supported; use the folder's tokenizer.model if it has one.");

        var vocabulary = model.GetProperty("vocab").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        var merges = model.GetProperty("merges").EnumerateArray().Select(m => m.ValueKind == JsonValueKind.Array
            ? $"{m[0].GetString()} {m[1].GetString()}"
            : m.GetString()!).ToList();
        var added = config.AddedTokens.ToDictionary();
        if (root.TryGetProperty("added_tokens", out var addedTokens))
            foreach (var token in addedTokens.EnumerateArray()) added[token.GetProperty("content").GetString()!] = token.GetProperty("id").GetInt32();
        var addBos = config.AddBos ?? PostProcessorAddsBos(root, config.BosText);
        var ignoreMerges = model.TryGetProperty("ignore_merges", out var ignore) && ignore.ValueKind == JsonValueKind.True;
        return Build(vocabulary, merges, pattern, added, config, addBos, "byte-level BPE (tokenizer.json)", normalizeNfc, ignoreMerges);
    }

    private static HfTokenizer FromVocabAndMerges(string folder, TokenizerConfig config)
    {
        var vocabulary = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(Path.Combine(folder, "vocab.json")))!;
        // merges.txt may open with a "#version" line; every other non-blank line is one merge, "left right".
        var merges = File.ReadLines(Path.Combine(folder, "merges.txt")).Where(l => l.Length > 0 && !l.StartsWith("#version", StringComparison.Ordinal)).ToList();
        return Build(vocabulary, merges, Gpt2Pattern, config.AddedTokens.ToDictionary(), config, config.AddBos ?? false, "byte-level BPE (vocab.json + merges.txt)", false);
    }

    private static HfTokenizer FromSentencePiece(string folder, TokenizerConfig config)
    {
        var added = config.AddedTokens.ToDictionary();
        using var stream = File.OpenRead(Path.Combine(folder, "tokenizer.model"));
        var tokenizer = SentencePieceTokenizer.Create(stream, addBeginningOfSentence: false, addEndOfSentence: false, specialTokens: added.Count == 0 ? null : added);
        var ids = config.Ids(text => tokenizer.Vocabulary.TryGetValue(text, out var id) ? id : added.TryGetValue(text, out var a) ? a : null,
            addBosDefault: true, unknownDefault: tokenizer.UnknownId);
        // The model file names its own BOS and EOS; the config files only override them.
        ids = ids with
        {
            Bos = ids.Bos ?? tokenizer.BeginningOfSentenceId, Eos = ids.Eos ?? tokenizer.EndOfSentenceId,
            BosText = ids.BosText ?? tokenizer.BeginningOfSentenceToken, EosText = ids.EosText ?? tokenizer.EndOfSentenceToken,
        };
        var size = Math.Max(tokenizer.Vocabulary.Count, added.Count == 0 ? 0 : added.Values.Max() + 1);
        return new HfTokenizer(tokenizer, "SentencePiece (tokenizer.model)", size, added, ids, false);
    }

    private static HfTokenizer Build(Dictionary<string, int> vocabulary, List<string> merges, string pattern, Dictionary<string, int> added,
        TokenizerConfig config, bool addBos, string kind, bool normalizeNfc, bool ignoreMerges = false)
    {
        var special = added.Count == 0 ? null : added;
        var regex = new Regex(pattern, RegexOptions.Compiled);
        var tokenizer = BpeTokenizer.Create(new BpeOptions(vocabulary)
        {
            Merges = merges,
            ByteLevel = true,
            PreTokenizer = new RegexPreTokenizer(regex, special),
            SpecialTokens = special,
        });
        var ids = config.Ids(text => vocabulary.TryGetValue(text, out var id) ? id : added.TryGetValue(text, out var a) ? a : null, addBos, unknownDefault: null);
        var size = vocabulary.Values.Concat(added.Values).Max() + 1;
        var wholeWordFirst = ignoreMerges ? new WholeWordFirst(tokenizer, regex, vocabulary, added) : null;
        return new HfTokenizer(tokenizer, kind, size, added, ids, normalizeNfc, wholeWordFirst);
    }

    /// <summary>
    /// The split pattern: ByteLevel alone (GPT-2's regex), or a Sequence of a regex Split and a ByteLevel that does not
    /// split again (Llama 3, Qwen2). Other pre-tokenizers are named in the error.
    /// </summary>
    private static string PreTokenizerPattern(JsonElement root, string path)
    {
        if (!root.TryGetProperty("pre_tokenizer", out var pre) || pre.ValueKind == JsonValueKind.Null)
            throw new NotSupportedException($"{path}: a BPE model with no pre_tokenizer is not byte-level; only byte-level BPE tokenizer.json is supported.");
        var steps = Type(pre) == "Sequence" ? pre.GetProperty("pretokenizers").EnumerateArray().ToList() : [pre];
        string? pattern = null;
        var byteLevel = false;
        foreach (var step in steps)
        {
            switch (Type(step))
            {
                case "ByteLevel":
                    if (step.TryGetProperty("add_prefix_space", out var prefix) && prefix.ValueKind == JsonValueKind.True)
                        throw new NotSupportedException($"{path}: pre_tokenizer ByteLevel with add_prefix_space = true is not supported.");
                    byteLevel = true;
                    if (!step.TryGetProperty("use_regex", out var regex) || regex.ValueKind != JsonValueKind.False) pattern ??= Gpt2Pattern;
                    break;
                case "Split" when step.GetProperty("pattern").TryGetProperty("Regex", out var r) && Str(step, "behavior") == "Isolated"
                                  && !(step.TryGetProperty("invert", out var invert) && invert.ValueKind == JsonValueKind.True):
                    pattern = pattern is null ? r.GetString() : throw new NotSupportedException($"{path}: more than one splitting pre-tokenizer is not supported.");
                    break;
                case "Digits" or "Punctuation" or "Split" or "Whitespace" or "WhitespaceSplit" or "Metaspace" or "BertPreTokenizer" or "CharDelimiterSplit" or "UnicodeScripts":
                    throw new NotSupportedException($"{path}: pre_tokenizer '{Describe(step)}' is not supported; supported: ByteLevel, or a Sequence of an isolating regex Split and ByteLevel.");
                default:
                    throw new NotSupportedException($"{path}: unknown pre_tokenizer '{Type(step)}'.");
            }
        }
        if (!byteLevel) throw new NotSupportedException($"{path}: pre_tokenizer is not byte-level ({Describe(pre)}); only byte-level BPE tokenizer.json is supported.");
        return pattern ?? throw new NotSupportedException($"{path}: ByteLevel with use_regex = false and no Split: nothing splits the text.");
    }

    /// <summary>No normaliser, or NFC (Qwen2); others are named in the error.</summary>
    private static bool Normalizer(JsonElement root, string path)
    {
        if (!root.TryGetProperty("normalizer", out var normalizer) || normalizer.ValueKind == JsonValueKind.Null) return false;
        if (Type(normalizer) == "NFC") return true;
        throw new NotSupportedException($"{path}: normalizer '{Describe(normalizer)}' is not supported; supported: none or NFC.");
    }

    /// <summary>Whether the post-processor's single-sequence template starts with the BOS token (Llama 3).</summary>
    private static bool PostProcessorAddsBos(JsonElement root, string? bosText)
    {
        if (bosText is null || !root.TryGetProperty("post_processor", out var post) || post.ValueKind == JsonValueKind.Null) return false;
        var processors = Type(post) == "Sequence" ? post.GetProperty("processors").EnumerateArray().ToList() : [post];
        return processors.Where(p => Type(p) == "TemplateProcessing").Any(p =>
            p.GetProperty("single").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } first
            && first.TryGetProperty("SpecialToken", out var special) && Str(special, "id") == bosText);
    }

    private static string? Type(JsonElement e) => Str(e, "type");

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Describe(JsonElement e) => Type(e) == "Sequence" && e.TryGetProperty("pretokenizers", out var steps)
        ? $"Sequence[{string.Join(", ", steps.EnumerateArray().Select(Type))}]"
        : Type(e) ?? e.GetRawText();
}
