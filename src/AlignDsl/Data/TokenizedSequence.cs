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
    public static TokenizedSequence Create(Tokenization.ITokenizer tokenizer, string prompt, string completion, int maxLength) =>
        FromIds(tokenizer, EncodePrompt(tokenizer, prompt), tokenizer.Encode(completion), maxLength);

    /// <summary>The prompt's ids as <see cref="Create"/> uses them: encoded once, they serve every completion of the prompt.</summary>
    internal static int[] EncodePrompt(Tokenization.ITokenizer tokenizer, string prompt)
    {
        var ids = tokenizer.Encode(prompt);
        return ids.Length == 0 ? [Tokenization.TokenizerIds.StartOfTextId(tokenizer)] : ids;
    }

    /// <summary><see cref="Create"/> from ids already encoded: the prompt's by <see cref="EncodePrompt"/>, the completion's without end of sequence.</summary>
    internal static TokenizedSequence FromIds(Tokenization.ITokenizer tokenizer, int[] promptIds, int[] completionIds, int maxLength)
    {
        if (maxLength < 2) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "MaxLength must be at least 2: one prompt token and one completion token.");
        var endOfSequence = Tokenization.TokenizerIds.EndOfSequenceId(tokenizer);
        var keepPrompt = Math.Min(promptIds.Length, maxLength - 1);
        var keepCompletion = Math.Min(completionIds.Length + 1, maxLength - keepPrompt);
        var tokens = new int[keepPrompt + keepCompletion];
        promptIds.AsSpan(promptIds.Length - keepPrompt).CopyTo(tokens);
        var completion = tokens.AsSpan(keepPrompt);
        if (keepCompletion > completionIds.Length)
        {
            completionIds.CopyTo(completion);
            completion[^1] = endOfSequence;
        }
        else completionIds.AsSpan(0, keepCompletion).CopyTo(completion);
        return new TokenizedSequence(tokens, keepPrompt);
    }
}
