using System.Text.Json;

namespace AlignDsl.Tokenization;

/// <summary>
/// What <c>tokenizer_config.json</c> and <c>generation_config.json</c> say about special tokens: their texts, the
/// added tokens, whether BOS is added, and the chat template. Either file may be missing.
/// </summary>
internal sealed record TokenizerConfig(
    string? BosText, string? EosText, string? PadText, string? UnkText, bool? AddBos,
    IReadOnlyDictionary<string, int> AddedTokens, int? GenerationBos, int? GenerationEos, int? GenerationPad, string? ChatTemplate)
{
    public static TokenizerConfig Read(string folder)
    {
        string? bos = null, eos = null, pad = null, unk = null, template = null;
        bool? addBos = null;
        var added = new Dictionary<string, int>();
        var tokenizerConfig = Path.Combine(folder, "tokenizer_config.json");
        if (File.Exists(tokenizerConfig))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(tokenizerConfig));
            var root = document.RootElement;
            (bos, eos, pad, unk) = (TokenText(root, "bos_token"), TokenText(root, "eos_token"), TokenText(root, "pad_token"), TokenText(root, "unk_token"));
            if (root.TryGetProperty("add_bos_token", out var add) && add.ValueKind is JsonValueKind.True or JsonValueKind.False) addBos = add.GetBoolean();
            if (root.TryGetProperty("added_tokens_decoder", out var decoder))
                foreach (var entry in decoder.EnumerateObject()) added[entry.Value.GetProperty("content").GetString()!] = int.Parse(entry.Name);
            template = ChatTemplateText(root);
        }
        int? genBos = null, genEos = null, genPad = null;
        var generationConfig = Path.Combine(folder, "generation_config.json");
        if (File.Exists(generationConfig))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(generationConfig));
            (genBos, genEos, genPad) = (Id(document.RootElement, "bos_token_id"), Id(document.RootElement, "eos_token_id"), Id(document.RootElement, "pad_token_id"));
        }
        return new TokenizerConfig(bos, eos, pad, unk, addBos, added, genBos, genEos, genPad, template);
    }

    /// <summary>Ids for the configured token texts; where tokenizer_config names none, generation_config's ids.</summary>
    public SpecialTokenIds Ids(Func<string, int?> idOf, bool addBosDefault, int? unknownDefault)
    {
        int? Resolve(string? text, int? fallback) => text is null ? fallback : idOf(text) ?? fallback;
        return new SpecialTokenIds(Resolve(BosText, GenerationBos), Resolve(EosText, GenerationEos), Resolve(PadText, GenerationPad),
            Resolve(UnkText, unknownDefault), AddBos ?? addBosDefault, BosText, EosText);
    }

    // A token is written as a string or as an AddedToken object {"content": ...}.
    private static string? TokenText(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var v) ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : v.ValueKind == JsonValueKind.Object && v.TryGetProperty("content", out var c) ? c.GetString()
        : null;

    // eos_token_id may be a list (Llama 3 stops on several); the first is the tokenizer's EOS.
    private static int? Id(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var v) ? null
        : v.ValueKind == JsonValueKind.Number ? v.GetInt32()
        : v.ValueKind == JsonValueKind.Array && v.GetArrayLength() > 0 ? v[0].GetInt32()
        : null;

    // chat_template is one string, or a list of named templates of which "default" is the one used.
    private static string? ChatTemplateText(JsonElement root)
    {
        if (!root.TryGetProperty("chat_template", out var t)) return null;
        if (t.ValueKind == JsonValueKind.String) return t.GetString();
        if (t.ValueKind != JsonValueKind.Array) return null;
        return t.EnumerateArray().FirstOrDefault(e => e.TryGetProperty("name", out var n) && n.GetString() == "default") is { ValueKind: JsonValueKind.Object } d
            ? d.GetProperty("template").GetString()
            : null;
    }
}
