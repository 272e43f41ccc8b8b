namespace AlignDsl.Data;

/// <summary>
/// prompt + completion + end-of-sequence as compact ids. Tokens from <see cref="PromptLength"/> on are the
/// completion: the only tokens any loss or log-prob counts.
/// </summary>
public sealed record TokenizedSequence(int[] Tokens, int PromptLength)
{
    public int CompletionLength => Tokens.Length - PromptLength;

    /// <summary>Encodes and cuts to <paramref name="maxLength"/>, keeping at least one completion token (the prompt loses its start first).</summary>
    public static TokenizedSequence Create(Tokenization.CompactTokenizer tokenizer, string prompt, string completion, int maxLength)
    {
        var promptIds = tokenizer.Encode(prompt);
        var completionIds = tokenizer.Encode(completion).Append(Tokenization.CompactTokenizer.EndOfSequence).ToArray();
        var keepPrompt = Math.Min(promptIds.Length, maxLength - 1);
        var keepCompletion = Math.Min(completionIds.Length, maxLength - keepPrompt);
        var tokens = promptIds[^keepPrompt..].Concat(completionIds[..keepCompletion]).ToArray();
        return new TokenizedSequence(tokens, keepPrompt);
    }
}
