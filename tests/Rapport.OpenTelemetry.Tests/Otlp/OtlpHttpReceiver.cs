using Rapport.Telemetry;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Opentelemetry.Proto.Collector.Trace.V1;

namespace Rapport.OpenTelemetry.Tests.Otlp;

/// <summary>A real OTLP/HTTP receiver on 127.0.0.1: ASP.NET Core decoding <c>ExportTraceServiceRequest</c> with the official protos.</summary>
internal sealed class OtlpHttpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpHttpReceiver(WebApplication app)
    {
        _app = app;
    }

    public ConcurrentQueue<ExportTraceServiceRequest> Requests { get; } = new();

    public ConcurrentQueue<string?> ApiKeys { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<OtlpHttpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new OtlpHttpReceiver(app);
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver.ApiKeys.Enqueue(request.Headers["x-api-key"].FirstOrDefault());
            receiver.Requests.Enqueue(ExportTraceServiceRequest.Parser.ParseFrom(body.ToArray()));
            return Results.Bytes(new ExportTraceServiceResponse().ToByteArray(), "application/x-protobuf");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.BaseAddress = new Uri(address);
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
