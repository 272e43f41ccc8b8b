namespace AlignDsl.Data;

/// <summary>
/// prompt + completion + end-of-sequence as token ids. Tokens from <see cref="PromptLength"/> on are the
/// completion: the only tokens any loss or log-prob counts.
/// </summary>
public sealed record TokenizedSequence(int[] Tokens, int PromptLength)
{
    public int CompletionLength => Tokens.Length - PromptLength;

    /// <summary>
    /// Encodes and cuts to <paramref name="maxLength"/>: the completion's end goes first; a prompt too long to leave room
    /// for one completion token loses its start. An empty prompt becomes the start-of-text token (beginning of sequence,
    /// or end of sequence for a tokenizer without one), so the first completion token always has a position that predicts it.
    /// </summary>
    public static TokenizedSequence Create(Tokenization.ITokenizer tokenizer, string prompt, string completion, int maxLength)
    {
        if (maxLength < 2) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "MaxLength must be at least 2: one prompt token and one completion token.");
        var promptIds = tokenizer.Encode(prompt);
        if (promptIds.Length == 0) promptIds = [Tokenization.TokenizerIds.StartOfTextId(tokenizer)];
        var completionIds = tokenizer.Encode(completion).Append(Tokenization.TokenizerIds.EndOfSequenceId(tokenizer)).ToArray();
        var keepPrompt = Math.Min(promptIds.Length, maxLength - 1);
        var keepCompletion = Math.Min(completionIds.Length, maxLength - keepPrompt);
        var tokens = promptIds[^keepPrompt..].Concat(completionIds[..keepCompletion]).ToArray();
        return new TokenizedSequence(tokens, keepPrompt);
    }
}
