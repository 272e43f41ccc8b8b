namespace AlignDsl.Judging;

/// <summary>
/// A judge could not give a verdict: its endpoint timed out, failed, or kept replying with no usable label. The
/// message names the endpoint, the model and the last failure, never the API key. It is an
/// <see cref="InvalidOperationException"/> so the command-line host reports it as a failed run, not a crash.
/// </summary>
public sealed class JudgeException(string message, Exception? innerException = null)
    : InvalidOperationException(message, innerException);
