using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Rapport.Cli.Tests;

/// <summary>A real Kestrel server on 127.0.0.1 speaking Ollama's <c>/api/chat</c>: a canned reply for the models it has, Ollama's
/// 404 "model not found" for others. Records each request's model and whether it asked for a stream.</summary>
internal sealed class FakeOllamaServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    public FakeOllamaServer(IReadOnlySet<string> models, string reply)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/api/chat", async (HttpContext context) =>
        {
            using var request = await JsonDocument.ParseAsync(context.Request.Body);
            var model = request.RootElement.GetProperty("model").GetString() ?? "";
            var stream = !request.RootElement.TryGetProperty("stream", out var s) || s.ValueKind != JsonValueKind.False;
            Requests.Enqueue((model, request.RootElement.GetProperty("messages").ToString()));
            context.Response.ContentType = stream ? "application/x-ndjson" : "application/json";
            if (!models.Contains(model))
            {
                context.Response.StatusCode = 404;
                await context.Response.WriteAsync(JsonSerializer.Serialize(new { error = $"model \"{model}\" not found, try pulling it first" }));
                return;
            }

            await context.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                model,
                created_at = "2026-12-03T12:00:00Z",
                message = new { role = "assistant", content = reply },
                done = true,
                done_reason = "stop",
            }) + "\n");
        });
        _app.StartAsync().GetAwaiter().GetResult();
        Endpoint = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    /// <summary>Gets the base address to configure (<c>http://127.0.0.1:PORT</c>).</summary>
    public string Endpoint { get; }

    /// <summary>Gets every request's model and messages (as JSON).</summary>
    public ConcurrentQueue<(string Model, string Messages)> Requests { get; } = new();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
