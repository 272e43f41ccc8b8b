using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AlignDsl.Tests.Judging;

/// <summary>What the fake server does with one request: answer with a status and body, or never answer.</summary>
internal sealed record FakeReply(int Status, string Body, bool Hang = false)
{
    /// <summary>A chat completion whose message is <paramref name="content"/>, optionally with per-token log-probabilities.</summary>
    public static FakeReply Content(string content, JsonArray? logProbabilities = null) => new(200, new JsonObject
    {
        ["id"] = "chatcmpl-test",
        ["object"] = "chat.completion",
        ["created"] = 1_700_000_000,
        ["model"] = "judge-model",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
            ["finish_reason"] = "stop",
            ["logprobs"] = logProbabilities is null ? null : new JsonObject { ["content"] = logProbabilities },
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 1, ["total_tokens"] = 11 },
    }.ToJsonString());

    public static FakeReply Error(int status) => new(status, """{"error":{"message":"failed on purpose","type":"server_error"}}""");

    public static FakeReply Never { get; } = new(200, "", Hang: true);

    /// <summary>One reply token with its top candidates, as OpenAI's <c>logprobs.content</c> lists them.</summary>
    public static JsonObject Token(string token, params (string Token, double Probability)[] candidates) => new()
    {
        ["token"] = token,
        ["logprob"] = Math.Log(candidates.Where(c => c.Token == token).Select(c => c.Probability).DefaultIfEmpty(1.0).First()),
        ["bytes"] = Bytes(token),
        ["top_logprobs"] = new JsonArray(candidates.Select(c => (JsonNode)new JsonObject
        {
            ["token"] = c.Token,
            ["logprob"] = Math.Log(c.Probability),
            ["bytes"] = Bytes(c.Token),
        }).ToArray()),
    };

    private static JsonArray Bytes(string token) => new(Encoding.UTF8.GetBytes(token).Select(b => (JsonNode)JsonValue.Create((int)b)).ToArray());
}

/// <summary>A request as the fake server saw it.</summary>
internal sealed record SeenRequest(string Method, string Path, string? Authorization, JsonObject Body);

/// <summary>
/// A minimal OpenAI-compatible chat endpoint on 127.0.0.1 and a free port: POST /v1/chat/completions, answered by a
/// function of the request number (1 for the first) and the request, so tests script failures and replies.
/// </summary>
internal sealed class FakeChatServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<int, SeenRequest, FakeReply> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<SeenRequest> _requests = new();
    private readonly Task _loop;
    private int _count;

    private FakeChatServer(Func<int, SeenRequest, FakeReply> respond)
    {
        _respond = respond;
        var port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        Endpoint = new Uri($"http://127.0.0.1:{port}/v1");
        _loop = Task.Run(AcceptAsync);
    }

    public Uri Endpoint { get; }

    public IReadOnlyList<SeenRequest> Requests => _requests.ToArray();

    public static FakeChatServer Start(Func<int, SeenRequest, FakeReply> respond) => new(respond);

    /// <summary>The same reply to every request.</summary>
    public static FakeChatServer Always(FakeReply reply) => new((_, _) => reply);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var text = await reader.ReadToEndAsync();
            var body = text.Length > 0 ? JsonNode.Parse(text) as JsonObject ?? [] : [];
            var request = new SeenRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], body);
            _requests.Enqueue(request);
            var reply = request is { Method: "POST", Path: "/v1/chat/completions" }
                ? _respond(Interlocked.Increment(ref _count), request)
                : new FakeReply(404, """{"error":{"message":"not found"}}""");
            if (reply.Hang) await Task.Delay(Timeout.Infinite, _stop.Token);
            var bytes = Encoding.UTF8.GetBytes(reply.Body);
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is OperationCanceledException or HttpListenerException or ObjectDisposedException or IOException)
        {
            // The server stopped, or the client gave up on the request.
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Close();
        await _loop;
        _stop.Dispose();
    }
}

internal static class SeenRequestExtensions
{
    /// <summary>All message contents of a chat request, joined, for checking what the judge asked.</summary>
    public static string Messages(this SeenRequest request) =>
        string.Join("\n", (request.Body["messages"] as JsonArray ?? []).Select(m => m?["content"] switch
        {
            JsonValue text => text.GetValue<string>(),
            // Content may also come as a list of parts: [{"type":"text","text":"..."}].
            JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? "")),
            _ => "",
        }));

    public static JsonValueKind Kind(this SeenRequest request, string property) =>
        request.Body[property]?.GetValueKind() ?? JsonValueKind.Undefined;
}
