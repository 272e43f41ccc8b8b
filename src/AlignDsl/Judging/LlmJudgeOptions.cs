namespace AlignDsl.Judging;

/// <summary>
/// Where an <see cref="LlmJudge"/> sends its questions and how patiently. <see cref="ApiKey"/> is a secret:
/// <see cref="ToString"/> prints it as <c>***</c>, and no message of the judge contains it.
/// </summary>
public sealed record LlmJudgeOptions
{
    public const string EndpointVariable = "ALIGNDSL_JUDGE_ENDPOINT";
    public const string ModelVariable = "ALIGNDSL_JUDGE_MODEL";
    public const string ApiKeyVariable = "ALIGNDSL_JUDGE_API_KEY";
    public const string ParsingVariable = "ALIGNDSL_JUDGE_PARSING";
    public const string TimeoutVariable = "ALIGNDSL_JUDGE_TIMEOUT_SECONDS";
    public const string RetriesVariable = "ALIGNDSL_JUDGE_RETRIES";
    public const string MaxReplyBytesVariable = "ALIGNDSL_JUDGE_MAX_REPLY_BYTES";

    /// <summary>The base URL of an OpenAI-compatible API, e.g. <c>http://127.0.0.1:8000/v1</c> (vLLM, llama.cpp, Ollama, OpenAI).</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>The model name the server knows, sent with every request.</summary>
    public required string Model { get; init; }

    /// <summary>Sent as a bearer token; local servers usually need none.</summary>
    public string? ApiKey { get; init; }

    /// <summary>How long one request may take before it counts as a failure.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Tries after the first, on timeouts, connection failures, HTTP 408, 429 and 5xx, and replies with no label.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The wait before the first retry; each further retry waits twice as long as the one before.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public JudgeParsing Parsing { get; init; } = JudgeParsing.Label;

    /// <summary>
    /// The largest HTTP reply body accepted. A larger one is refused as soon as its declared length, or its bytes so far,
    /// pass the cap: it is never read whole into memory.
    /// </summary>
    public long MaxReplyBytes { get; init; } = 1 << 20;

    /// <summary>The longest reply asked for: a label word, with room for a little wrapping.</summary>
    public int MaxReplyTokens { get; init; } = 16;

    /// <summary>Reads <see cref="EndpointVariable"/>, <see cref="ModelVariable"/>, <see cref="ApiKeyVariable"/> and <see cref="ParsingVariable"/> from the process environment.</summary>
    public static LlmJudgeOptions FromEnvironment() => FromVariables(new Dictionary<string, string?>
    {
        [EndpointVariable] = Environment.GetEnvironmentVariable(EndpointVariable),
        [ModelVariable] = Environment.GetEnvironmentVariable(ModelVariable),
        [ApiKeyVariable] = Environment.GetEnvironmentVariable(ApiKeyVariable),
        [ParsingVariable] = Environment.GetEnvironmentVariable(ParsingVariable),
        [TimeoutVariable] = Environment.GetEnvironmentVariable(TimeoutVariable),
        [RetriesVariable] = Environment.GetEnvironmentVariable(RetriesVariable),
        [MaxReplyBytesVariable] = Environment.GetEnvironmentVariable(MaxReplyBytesVariable),
    });

    /// <summary>The same settings from any name → value map (a test, a configuration section turned into a dictionary).</summary>
    /// <exception cref="InvalidOperationException">The endpoint or model is missing, or a value cannot be read; the message says which.</exception>
    public static LlmJudgeOptions FromVariables(IReadOnlyDictionary<string, string?> variables)
    {
        string? Read(string name) => variables.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        var (endpoint, model) = (Read(EndpointVariable), Read(ModelVariable));
        var missing = new[] { (EndpointVariable, endpoint), (ModelVariable, model) }.Where(v => v.Item2 is null).Select(v => v.Item1).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException(
                $"The LLM judge needs {string.Join(" and ", missing)} set: the base URL of an OpenAI-compatible endpoint " +
                $"(e.g. {EndpointVariable}=http://127.0.0.1:8000/v1) and the model it serves; {ApiKeyVariable} and " +
                $"{ParsingVariable} (label or logprobs) are optional.");
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"{EndpointVariable} must be an http(s) URL such as http://127.0.0.1:8000/v1 (got '{endpoint}').");
        var defaults = new LlmJudgeOptions { Endpoint = uri, Model = model!, ApiKey = Read(ApiKeyVariable), Parsing = ParseParsing(Read(ParsingVariable)) };
        return defaults with
        {
            Timeout = Read(TimeoutVariable) is { } timeout ? TimeSpan.FromSeconds(Number(TimeoutVariable, timeout, 0.001)) : defaults.Timeout,
            MaxRetries = Read(RetriesVariable) is { } retries ? (int)Number(RetriesVariable, retries, 0, whole: true) : defaults.MaxRetries,
            MaxReplyBytes = Read(MaxReplyBytesVariable) is { } cap ? (long)Number(MaxReplyBytesVariable, cap, 1, whole: true) : defaults.MaxReplyBytes,
        };
    }

    /// <summary>Overrides from the command line (each null keeps this value).</summary>
    public LlmJudgeOptions With(double? timeoutSeconds, int? retries, long? maxReplyBytes) => this with
    {
        Timeout = timeoutSeconds is { } t ? TimeSpan.FromSeconds(t) : Timeout,
        MaxRetries = retries ?? MaxRetries,
        MaxReplyBytes = maxReplyBytes ?? MaxReplyBytes,
    };

    private static double Number(string variable, string value, double minimum, bool whole = false)
    {
        var ok = double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number);
        if (!ok || number < minimum || (whole && number != Math.Floor(number)))
            throw new InvalidOperationException($"{variable} takes a {(whole ? "whole number" : "number")} of at least {minimum} (got '{value}').");
        return number;
    }

    /// <summary>Settings for logs and messages, with the API key shown as <c>***</c>.</summary>
    public override string ToString() =>
        $"LlmJudgeOptions {{ Endpoint = {Endpoint}, Model = {Model}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(none)" : "***")}, " +
        $"Timeout = {Timeout}, MaxRetries = {MaxRetries}, RetryBaseDelay = {RetryBaseDelay}, Parsing = {Parsing}, MaxReplyTokens = {MaxReplyTokens}, MaxReplyBytes = {MaxReplyBytes} }}";

    private static JudgeParsing ParseParsing(string? value) => value?.ToLowerInvariant() switch
    {
        null or "label" => JudgeParsing.Label,
        "logprobs" or "logprobabilities" => JudgeParsing.LogProbabilities,
        _ => throw new InvalidOperationException($"{ParsingVariable} takes label or logprobs (got '{value}')."),
    };
}
