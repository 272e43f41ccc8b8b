namespace AlignDsl.Judging;

/// <summary>How an <see cref="LlmJudge"/> turns a chat reply into a comparison.</summary>
public enum JudgeParsing
{
    /// <summary>The reply's first label word (A, B or TIE) decides: a comparison is 1, 0 or 0.5.</summary>
    Label,

    /// <summary>
    /// The probabilities the model gave the labels at the label token (OpenAI's <c>logprobs</c>/<c>top_logprobs</c>),
    /// renormalised over A, B and TIE: a graded P(first better) instead of a hard vote. Needs a server that returns them.
    /// </summary>
    LogProbabilities,
}
