using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Rapport.Cli.Tests;

/// <summary>A local HTTP server on 127.0.0.1 speaking the OpenAI chat-completions protocol, for real round trips through the client library.</summary>
/// <remarks>
/// Answers <c>POST .../chat/completions</c> with a judge verdict (<see cref="Reply"/> decides it from the request text),
/// or with 429 when <see cref="RateLimit"/> says so for that request number (1-based). Records every request.
/// </remarks>
internal sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _count;

    public FakeOpenAiServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Endpoint = $"http://127.0.0.1:{port}/v1";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Gets the base address to configure (<c>http://127.0.0.1:PORT/v1</c>).</summary>
    public string Endpoint { get; }

    /// <summary>Gets or sets which request numbers (1-based) get a 429.</summary>
    public Func<int, bool> RateLimit { get; set; } = _ => false;

    /// <summary>Gets or sets the <c>Retry-After</c> header sent with a 429.</summary>
    public string RetryAfter { get; set; } = "0";

    /// <summary>Gets or sets the assistant's reply for a request's text (all its messages joined).</summary>
    public Func<string, string> Reply { get; set; } = _ => "{\"score\": 4, \"reason\": \"warm and validating\"}";

    /// <summary>Gets every request: its number, path, Authorization header, model, text, and the status answered.</summary>
    public ConcurrentQueue<(int Number, string Path, string? Authorization, string? Model, string Text, int Status)> Requests { get; } = new();

    public async ValueTask DisposeAsync()
    {
        // Close alone: the managed HttpListener's Stop-then-Close looks the endpoint up again and re-binds the port,
        // which fails with "Address already in use" when another process took the freed port in between.
        try
        {
            _listener.Close();
        }
        catch (HttpListenerException)
        {
        }

        try
        {
            await _loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var number = Interlocked.Increment(ref _count);
        string body;
        using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync();
        }

        string? model = null;
        var text = new StringBuilder();
        try
        {
            using var json = JsonDocument.Parse(body);
            model = json.RootElement.TryGetProperty("model", out var m) ? m.GetString() : null;
            foreach (var message in json.RootElement.GetProperty("messages").EnumerateArray())
            {
                text.AppendLine(message.GetProperty("content").ToString());
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
        }

        var path = context.Request.Url!.AbsolutePath;
        var status = !path.EndsWith("/chat/completions", StringComparison.Ordinal) ? 404 : RateLimit(number) ? 429 : 200;
        Requests.Enqueue((number, path, context.Request.Headers["Authorization"], model, text.ToString(), status));
        var response = status switch
        {
            200 => JsonSerializer.Serialize(new
            {
                id = $"chatcmpl-{number}",
                @object = "chat.completion",
                created = 1_700_000_000,
                model,
                choices = new[] { new { index = 0, message = new { role = "assistant", content = Reply(text.ToString()) }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 10, completion_tokens = 5, total_tokens = 15 },
            }),
            429 => "{\"error\": {\"message\": \"Rate limit reached\", \"type\": \"requests\", \"code\": \"rate_limit_exceeded\"}}",
            _ => "{\"error\": {\"message\": \"not found\"}}",
        };
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (status == 429)
        {
            context.Response.AddHeader("Retry-After", RetryAfter);
        }

        var bytes = Encoding.UTF8.GetBytes(response);
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }
}
