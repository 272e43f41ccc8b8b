using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace AlignDsl.Judging;

/// <summary>
/// A judge that asks a language model over any OpenAI-compatible chat endpoint (vLLM, llama.cpp's server, Ollama,
/// OpenAI). Classification always reads a label word from the reply; comparison reads a label or, with
/// <see cref="JudgeParsing.LogProbabilities"/>, the model's probabilities for the labels. Each request has a timeout;
/// failures and replies with no label are retried with exponential backoff, then end in a <see cref="JudgeException"/>.
/// </summary>
public sealed class LlmJudge : IJudge, IDisposable
{
    /// <summary>Label candidates asked for at each reply token in log-probability mode (servers allow up to 20).</summary>
    private const int TopLogProbabilities = 10;

    private readonly IChatClient _client;

    /// <summary>The chat client behind the judge, for a critique-and-revision reviser on the same endpoint.</summary>
    internal IChatClient Client => _client;
    private readonly bool _ownsClient;

    /// <summary>A judge over the endpoint in <paramref name="options"/>, through the OpenAI client.</summary>
    public LlmJudge(LlmJudgeOptions options) : this(CreateClient(options), options, ownsClient: true) { }

    /// <summary>A judge over a chat client of the caller's (not disposed here). Log-probability mode needs an OpenAI chat client.</summary>
    public LlmJudge(IChatClient client, LlmJudgeOptions options) : this(client, options, ownsClient: false) { }

    private LlmJudge(IChatClient client, LlmJudgeOptions options, bool ownsClient)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero, nameof(options.Timeout));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries, nameof(options.MaxRetries));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RetryBaseDelay, TimeSpan.Zero, nameof(options.RetryBaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxReplyTokens, 1, nameof(options.MaxReplyTokens));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxReplyBytes, 1, nameof(options.MaxReplyBytes));
        (_client, Options, _ownsClient) = (client, options, ownsClient);
    }

    public LlmJudgeOptions Options { get; }

    public string Name => $"llm:{Options.Model}";

    public Task<Verdict> ClassifyAsync(string prompt, string answer, CancellationToken cancellationToken) =>
        AskAsync(JudgePrompts.ClassifySystem, JudgePrompts.Classify(prompt, answer), logProbabilities: false,
            reply => JudgeReplies.ReadVerdict(reply.Text), cancellationToken);

    public Task<double> CompareAsync(Comparison comparison, CancellationToken cancellationToken) =>
        Options.Parsing == JudgeParsing.LogProbabilities
            ? AskAsync(JudgePrompts.CompareSystem(comparison.Instruction), JudgePrompts.Compare(comparison), logProbabilities: true,
                reply => JudgeReplies.ReadPreference(LogProbabilities(reply)), cancellationToken)
            : AskAsync(JudgePrompts.CompareSystem(comparison.Instruction), JudgePrompts.Compare(comparison), logProbabilities: false,
                reply => JudgeReplies.ReadPreference(reply.Text), cancellationToken);

    public override string ToString() => $"{Name} at {Options.Endpoint}";

    public void Dispose()
    {
        if (_ownsClient) _client.Dispose();
    }

    private static IChatClient CreateClient(LlmJudgeOptions options)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.Endpoint,
            // The judge's retries are the only ones: they also cover replies with no label, which the client cannot see.
            // With the client's on as well, each failure would be retried twice over.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // The judge's own per-request timeout fires first; this one only stops the client's default (100 s) cutting it short.
            NetworkTimeout = options.Timeout + TimeSpan.FromSeconds(5),
            Transport = new HttpClientPipelineTransport(new HttpClient(new ReplySizeLimit(options.MaxReplyBytes))),
        };
        // Local servers want no key, but the client needs one: a placeholder goes out as the bearer token then.
        var credential = new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "no-key" : options.ApiKey);
        return new OpenAIClient(credential, clientOptions).GetChatClient(options.Model).AsIChatClient();
    }

    private async Task<T> AskAsync<T>(string system, string user, bool logProbabilities, Func<ChatResponse, T> read, CancellationToken cancellationToken)
    {
        ChatMessage[] messages = [new(ChatRole.System, system), new(ChatRole.User, user)];
        var chatOptions = new ChatOptions { ModelId = Options.Model, Temperature = 0, MaxOutputTokens = Options.MaxReplyTokens };
        if (logProbabilities)
            chatOptions.RawRepresentationFactory = _ => new ChatCompletionOptions { IncludeLogProbabilities = true, TopLogProbabilityCount = TopLogProbabilities };

        for (var attempt = 1; ; attempt++)
        {
            string failure;
            Exception? cause;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(Options.Timeout);
                try
                {
                    return read(await _client.GetResponseAsync(messages, chatOptions, timeout.Token));
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                {
                    (failure, cause) = ($"timeout: no reply within {Options.Timeout.TotalSeconds:0.###} s", e);
                }
                catch (ClientResultException e) when (e.Status is 0 or 408 or 429 or >= 500)
                {
                    (failure, cause) = (e.Status == 0 ? $"connection failed: {e.InnerException?.Message ?? e.Message}" : Status(e), e);
                }
                catch (ClientResultException e)
                {
                    // Any other status (bad request, unauthorised, unknown model) will not change on a retry.
                    throw Failed(attempt, $"{Status(e)} (not retried)", e);
                }
                catch (UnusableReplyException e)
                {
                    (failure, cause) = ($"unusable reply: {e.Message}", e);
                }
                catch (Exception e) when (e is HttpRequestException or JsonException or FormatException or InvalidOperationException and not JudgeException)
                {
                    (failure, cause) = ($"unreadable response: {e.Message}", e);
                }
            }
            if (attempt > Options.MaxRetries) throw Failed(attempt, failure, cause);
            await Task.Delay(Options.RetryBaseDelay * Math.Pow(2, attempt - 1), cancellationToken);
        }
    }

    /// <summary>Each reply token with its top candidates, as the OpenAI client hands them over.</summary>
    private IReadOnlyList<(string, IReadOnlyList<(string, double)>)> LogProbabilities(ChatResponse reply)
    {
        var tokens = (reply.RawRepresentation as ChatCompletion)?.ContentTokenLogProbabilities;
        if (tokens is not { Count: > 0 } || tokens.All(t => t.TopLogProbabilities is not { Count: > 0 }))
            throw new JudgeException(
                $"The LLM judge at {Options.Endpoint} (model {Options.Model}) returned no log-probabilities for its reply: " +
                $"the server does not support logprobs/top_logprobs, or the chat client is not OpenAI's. " +
                $"Use label parsing instead ({LlmJudgeOptions.ParsingVariable}=label).");
        return tokens.Select(t => (t.Token, (IReadOnlyList<(string, double)>)t.TopLogProbabilities.Select(c => (c.Token, (double)c.LogProbability)).ToList())).ToList();
    }

    /// <summary>The HTTP status and, when the body is OpenAI's error shape, the server's own message.</summary>
    private static string Status(ClientResultException e)
    {
        try
        {
            using var body = JsonDocument.Parse(e.GetRawResponse()?.Content ?? BinaryData.Empty);
            if (body.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String && message.GetString() is { Length: > 0 } text)
                return $"HTTP {e.Status}: {(text.Length <= 200 ? text : text[..200] + "…")}";
        }
        catch (JsonException)
        {
            // Not OpenAI's error shape: the status alone says enough.
        }
        return $"HTTP {e.Status}";
    }

    /// <summary>
    /// The failure, told by the redacted message alone: the client's own exception is not attached, since it can carry
    /// the server's whole response.
    /// </summary>
    private JudgeException Failed(int attempts, string failure, Exception? cause) => new(
        Redact($"The LLM judge at {Options.Endpoint} (model {Options.Model}) failed after {attempts} attempt{(attempts == 1 ? "" : "s")}; last failure: {failure}"
            + (cause is null ? "" : $" ({cause.GetType().Name})")));

    /// <summary>Removes the API key from text that quotes a server or client message, in case one ever echoes it.</summary>
    private string Redact(string text) =>
        string.IsNullOrEmpty(Options.ApiKey) ? text : text.Replace(Options.ApiKey, "***", StringComparison.Ordinal);
}
