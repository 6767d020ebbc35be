using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Rapport.Cli.Tests;

/// <summary>A real Kestrel server on 127.0.0.1 speaking the OpenAI chat-completions protocol, for real round trips through the client library.</summary>
/// <remarks>
/// Answers <c>POST .../chat/completions</c> with a canned reply (<see cref="Reply"/> decides it from the request text),
/// with 429 when <see cref="RateLimit"/> says so for that request number (1-based), and with OpenAI's 404
/// <c>model_not_found</c> when <see cref="Models"/> is set and does not hold the requested model. Records every request.
/// </remarks>
internal sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _count;

    public FakeOpenAiServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(HandleAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Endpoint = address.TrimEnd('/') + "/v1";
    }

    /// <summary>Gets the base address to configure (<c>http://127.0.0.1:PORT/v1</c>).</summary>
    public string Endpoint { get; }

    /// <summary>Gets or sets which request numbers (1-based) get a 429.</summary>
    public Func<int, bool> RateLimit { get; set; } = _ => false;

    /// <summary>Gets or sets the <c>Retry-After</c> header sent with a 429.</summary>
    public string RetryAfter { get; set; } = "0";

    /// <summary>Gets or sets the models the server has, or <see langword="null"/> to answer for any model.</summary>
    public IReadOnlySet<string>? Models { get; set; }

    /// <summary>Gets or sets the assistant's reply for a request's text (all its messages joined).</summary>
    public Func<string, string> Reply { get; set; } = _ => "{\"score\": 4, \"reason\": \"warm and validating\"}";

    /// <summary>Gets every request: its number, path, Authorization header, model, text, and the status answered.</summary>
    public ConcurrentQueue<(int Number, string Path, string? Authorization, string? Model, string Text, int Status)> Requests { get; } = new();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _count);
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
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

        var path = context.Request.Path.Value ?? "";
        var status = !path.EndsWith("/chat/completions", StringComparison.Ordinal) ? 404
            : Models is not null && (model is null || !Models.Contains(model)) ? 404
            : RateLimit(number) ? 429 : 200;
        Requests.Enqueue((number, path, context.Request.Headers.Authorization.FirstOrDefault(), model, text.ToString(), status));
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
            _ when path.EndsWith("/chat/completions", StringComparison.Ordinal) => JsonSerializer.Serialize(new
            {
                error = new { message = $"The model `{model}` does not exist or you do not have access to it.", type = "invalid_request_error", code = "model_not_found" },
            }),
            _ => "{\"error\": {\"message\": \"not found\"}}",
        };
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (status == 429)
        {
            context.Response.Headers.RetryAfter = RetryAfter;
        }

        await context.Response.WriteAsync(response);
    }
}
