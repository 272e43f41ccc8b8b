namespace AlignDsl.Tokenization;

/// <summary>The special ids training and sampling rely on, for any <see cref="ITokenizer"/>.</summary>
public static class TokenizerIds
{
    /// <summary>The end-of-sequence id: completions end with it and sampling stops at it, so a policy's tokenizer must have one.</summary>
    public static int EndOfSequenceId(this ITokenizer tokenizer) => tokenizer.EndOfSequence
        ?? throw new InvalidOperationException("The tokenizer has no end-of-sequence token (eos_token in tokenizer_config.json), so completions cannot end: set one in the model folder.");

    /// <summary>
    /// The id that stands in for an empty prompt, so the first completion token has a position that predicts it: the
    /// beginning of sequence where the tokenizer has one, else the end of sequence (the gym's tokenizer reads it as start of text).
    /// </summary>
    public static int StartOfTextId(this ITokenizer tokenizer) => tokenizer.BeginningOfSequence ?? tokenizer.EndOfSequenceId();

    /// <summary>Whether two tokenizers give every text the same ids, so one model's token ids can be scored by the other.</summary>
    public static bool SameVocabulary(ITokenizer a, ITokenizer b) => (a, b) switch
    {
        (CompactTokenizer x, CompactTokenizer y) => x.Gpt2Ids.SequenceEqual(y.Gpt2Ids),
        (HfTokenizer x, HfTokenizer y) => x.VocabularySize == y.VocabularySize && x.EndOfSequence == y.EndOfSequence
            && x.SpecialTokens.Count == y.SpecialTokens.Count && x.SpecialTokens.All(t => y.SpecialTokens.TryGetValue(t.Key, out var id) && id == t.Value),
        _ => false,
    };
}
