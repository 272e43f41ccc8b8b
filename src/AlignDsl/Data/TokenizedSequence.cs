namespace AlignDsl.Data;

/// <summary>
/// prompt + completion + end-of-sequence as token ids. Tokens from <see cref="PromptLength"/> on are the
/// completion: the only tokens any loss or log-prob counts.
/// </summary>
public sealed record TokenizedSequence(int[] Tokens, int PromptLength)
{
    public int CompletionLength => Tokens.Length - PromptLength;

    /// <summary>
    /// Token ranges inside the prompt that are learned too, as [start, end) pairs flattened: a conversation's earlier
    /// assistant turns (<see cref="Demonstration.EarlierAnswers"/>). Null for none, the usual case.
    /// </summary>
    public int[]? PromptAnswers { get; init; }

    /// <summary>
    /// Encodes and cuts to <paramref name="maxLength"/>: the completion's end goes first; a prompt too long to leave room
    /// for one completion token loses its start. An empty prompt becomes the start-of-text token (beginning of sequence,
    /// or end of sequence for a tokenizer without one), so the first completion token always has a position that predicts it.
    /// The prompt's characters in <paramref name="promptAnswers"/> are learned as well: a token counts when it starts
    /// inside one; cut with the prompt's start, a range keeps what is left of it.
    /// </summary>
    public static TokenizedSequence Create(Tokenization.ITokenizer tokenizer, string prompt, string completion, int maxLength, (int Start, int Length)[]? promptAnswers = null)
    {
        if (promptAnswers is not { Length: > 0 } || prompt.Length == 0)
            return FromIds(tokenizer, EncodePrompt(tokenizer, prompt), tokenizer.Encode(completion), maxLength);
        var tokens = tokenizer.EncodeWithSpans(prompt);
        var sequence = FromIds(tokenizer, tokens.Select(t => t.Id).ToArray(), tokenizer.Encode(completion), maxLength);
        var dropped = tokens.Count - sequence.PromptLength;
        var ranges = new List<int>();
        foreach (var (start, length) in promptAnswers)
        {
            int first = -1, end = -1;
            for (var t = Math.Max(dropped, 0); t < tokens.Count; t++)
                if (tokens[t].Start >= start && tokens[t].Start < start + length) { if (first < 0) first = t; end = t + 1; }
            if (first >= 0) ranges.AddRange([first - dropped, end - dropped]);
        }
        return ranges.Count == 0 ? sequence : sequence with { PromptAnswers = ranges.ToArray() };
    }

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
