namespace AlignDsl.Tokenization;

/// <summary>
/// Text to token ids and back, as a policy needs it: the gym's <see cref="CompactTokenizer"/> and a Hugging Face model
/// folder's tokenizer (<see cref="HfTokenizer"/>) both implement it.
/// </summary>
public interface ITokenizer
{
    /// <summary>Rows of the embedding matrix the ids index: every id is below it.</summary>
    int VocabularySize { get; }

    /// <summary>The id a sequence starts with, where the model has one.</summary>
    int? BeginningOfSequence { get; }

    /// <summary>The id that ends a sequence (generation stops there).</summary>
    int? EndOfSequence { get; }

    /// <summary>The id batches are padded with.</summary>
    int? Padding { get; }

    /// <summary>The id text outside the vocabulary becomes, where the tokenizer has one.</summary>
    int? Unknown { get; }

    /// <summary>Tokens matched whole in the text before anything else (<c>&lt;|im_start|&gt;</c>, <c>&lt;/s&gt;</c>, …), with their ids.</summary>
    IReadOnlyDictionary<string, int> SpecialTokens { get; }

    /// <summary>The text's ids, with no beginning- or end-of-sequence token added (a chat template writes those itself).</summary>
    int[] Encode(string text);

    /// <summary>The text's tokens with the span of text each one covers, so that a span of text can be mapped to tokens.</summary>
    IReadOnlyList<TokenSpan> EncodeWithSpans(string text);

    /// <summary>The text of the ids.</summary>
    string Decode(IEnumerable<int> ids);
}

/// <summary>One token of an encoded text: its id and the characters of the text it covers.</summary>
public readonly record struct TokenSpan(int Id, int Start, int Length)
{
    public int End => Start + Length;
}
