using System.Text;
using Microsoft.ML.Tokenizers;

namespace AlignDsl.Tokenization;

/// <summary>
/// The tokenizer of a Hugging Face model folder, run by Microsoft.ML.Tokenizers: byte-level BPE from
/// <c>tokenizer.json</c> or <c>vocab.json</c> + <c>merges.txt</c>, SentencePiece from <c>tokenizer.model</c>.
/// Special tokens and the BOS/EOS/pad ids come from <c>tokenizer_config.json</c> and <c>generation_config.json</c>.
/// Load one with <see cref="Load"/>.
/// </summary>
public sealed class HfTokenizer : ITokenizer
{
    private readonly Tokenizer _tokenizer;
    private readonly bool _normalizeNfc;
    private readonly WholeWordFirst? _wholeWordFirst;

    internal HfTokenizer(Tokenizer tokenizer, string kind, int vocabularySize, IReadOnlyDictionary<string, int> specialTokens, SpecialTokenIds ids, bool normalizeNfc,
        WholeWordFirst? wholeWordFirst = null)
    {
        _tokenizer = tokenizer;
        _normalizeNfc = normalizeNfc;
        _wholeWordFirst = wholeWordFirst;
        Kind = kind;
        VocabularySize = vocabularySize;
        SpecialTokens = specialTokens;
        BeginningOfSequence = ids.Bos;
        EndOfSequence = ids.Eos;
        Padding = ids.Pad ?? ids.Eos;
        Unknown = ids.Unk;
        AddsBeginningOfSequence = ids.AddBos;
        BosToken = ids.BosText;
        EosToken = ids.EosText;
    }

    /// <summary>Reads the tokenizer of a model folder; an unsupported kind is an error naming what the folder holds.</summary>
    public static HfTokenizer Load(string folder)
    {
        var tokenizer = HfTokenizerLoader.Load(folder);
        tokenizer.Folder = Path.GetFullPath(folder);
        return tokenizer;
    }

    /// <summary>The model folder it was read from: a checkpoint of a model trained with it copies its files from there.</summary>
    public string? Folder { get; private set; }

    /// <summary>The files of a model folder a tokenizer may be read from, as a checkpoint copies them.</summary>
    public static readonly IReadOnlyList<string> Files =
        ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.json", "merges.txt", "tokenizer.model", "added_tokens.json"];

    /// <summary>What was loaded, e.g. "byte-level BPE (tokenizer.json)".</summary>
    public string Kind { get; }

    public int VocabularySize { get; }
    public int? BeginningOfSequence { get; }
    public int? EndOfSequence { get; }

    /// <summary>The configured pad token, else end of sequence (as TRL pads models that have none).</summary>
    public int? Padding { get; }

    public int? Unknown { get; }
    public IReadOnlyDictionary<string, int> SpecialTokens { get; }

    /// <summary>Whether the model's own encoding starts every text with BOS (<c>add_bos_token</c>, or the post-processor's template).</summary>
    public bool AddsBeginningOfSequence { get; }

    /// <summary>The BOS and EOS tokens' text, as a chat template's <c>bos_token</c> and <c>eos_token</c> see them.</summary>
    public string? BosToken { get; }
    public string? EosToken { get; }

    public int[] Encode(string text) =>
        _wholeWordFirst is null ? _tokenizer.EncodeToIds(Normalize(text)).ToArray() : _wholeWordFirst.Encode(Normalize(text)).Select(t => t.Id).ToArray();

    /// <summary>The ids Hugging Face's <c>tokenizer(text)</c> gives: <see cref="Encode"/> with BOS first where the model adds it.</summary>
    public int[] EncodeWithSpecialTokens(string text) =>
        AddsBeginningOfSequence && BeginningOfSequence is { } bos ? [bos, .. Encode(text)] : Encode(text);

    public IReadOnlyList<TokenSpan> EncodeWithSpans(string text) =>
        _wholeWordFirst is not null ? _wholeWordFirst.Encode(Normalize(text)).ToArray() :
        _tokenizer.EncodeToTokens(Normalize(text), out _)
            .Select(t => new TokenSpan(t.Id, t.Offset.Start.Value, t.Offset.End.Value - t.Offset.Start.Value))
            .ToArray();

    public string Decode(IEnumerable<int> ids) => _tokenizer.Decode(ids);

    // Offsets then refer to the normalised text; NFC leaves the text as written unless it holds decomposed characters.
    private string Normalize(string text) => _normalizeNfc ? text.Normalize(NormalizationForm.FormC) : text;
}
