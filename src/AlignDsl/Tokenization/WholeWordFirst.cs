using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace AlignDsl.Tokenization;

/// <summary>
/// Hugging Face's <c>ignore_merges</c> (Llama 3): a pre-token that is itself in the vocabulary is that one token,
/// whatever the merges would make of it. Microsoft.ML.Tokenizers always merges, so this splits the text as the
/// model's tokenizer does (special tokens, then the pre-tokenizer pattern) and asks BPE only about the pieces the
/// vocabulary does not hold whole.
/// </summary>
internal sealed class WholeWordFirst(Tokenizer bpe, Regex pattern, IReadOnlyDictionary<string, int> vocabulary, IReadOnlyDictionary<string, int> specialTokens)
{
    private readonly string[] _specials = specialTokens.Keys.OrderByDescending(k => k.Length).ToArray();

    public IEnumerable<TokenSpan> Encode(string text)
    {
        var position = 0;
        while (position < text.Length)
        {
            var (special, at) = NextSpecial(text, position);
            foreach (var span in EncodeOrdinary(text, position, at)) yield return span;
            if (special is null) yield break;
            yield return new TokenSpan(specialTokens[special], at, special.Length);
            position = at + special.Length;
        }
    }

    private IEnumerable<TokenSpan> EncodeOrdinary(string text, int start, int end)
    {
        foreach (Match match in pattern.Matches(text[start..end]))
        {
            var offset = start + match.Index;
            if (vocabulary.TryGetValue(ByteLevel.Encode(match.Value), out var id))
            {
                yield return new TokenSpan(id, offset, match.Length);
                continue;
            }
            foreach (var token in bpe.EncodeToTokens(match.Value, out _))
                yield return new TokenSpan(token.Id, offset + token.Offset.Start.Value, token.Offset.End.Value - token.Offset.Start.Value);
        }
    }

    private (string? Special, int At) NextSpecial(string text, int from)
    {
        string? found = null;
        var at = text.Length;
        foreach (var special in _specials)
        {
            var index = text.IndexOf(special, from, StringComparison.Ordinal);
            if (index >= 0 && index < at) (found, at) = (special, index);
        }
        return (found, at);
    }
}
