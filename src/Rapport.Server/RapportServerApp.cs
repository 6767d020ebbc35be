using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using Rapport.OpenTelemetry.Hosting;
using Rapport.Server.Hosting;
using Rapport.Server.Keys;

namespace Rapport.Server;

/// <summary>A built Rapport service: start it, read where it listens, stop it (draining requests), dispose it.</summary>
public sealed class RapportServerApp : IAsyncDisposable
{
    private readonly IApiKeyStore _keys;
    private readonly ServerRedis? _redis;
    private readonly RapportTelemetryHost _telemetry;
    private readonly MeterProvider _metrics;

    internal RapportServerApp(
        WebApplication app, IApiKeyStore keys, ServerRedis? redis, RapportTelemetryHost telemetry, MeterProvider metrics, string? firstAdminKey)
    {
        App = app;
        _keys = keys;
        _redis = redis;
        _telemetry = telemetry;
        _metrics = metrics;
        FirstAdminKey = firstAdminKey;
    }

    /// <summary>Gets the web application.</summary>
    public WebApplication App { get; }

    /// <summary>Gets the admin key made at this first start (show it once), or <see langword="null"/> when keys existed.</summary>
    public string? FirstAdminKey { get; }

    /// <summary>Gets the key store.</summary>
    public IApiKeyStore Keys => _keys;

    /// <summary>Gets the addresses Kestrel listens on (actual ports once started).</summary>
    public IReadOnlyList<string> Addresses => [.. App.Urls];

    /// <summary>Loads the embedder and starts listening.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        // Warm: the first turn must not pay for loading the model, and /readyz says ready only after this.
        _ = App.Services.GetRequiredService<ServerRapport>().Embedder;
        await App.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops accepting requests, waits for those in flight (up to 30 s), then writes and sends the spans still in a batch.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await App.StopAsync(cancellationToken).ConfigureAwait(false);
        _telemetry.Flush(5_000);
    }

    /// <summary>Runs until the host is asked to stop (Ctrl+C, SIGTERM).</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        await App.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // The app first: it disposes the tenants' stores (flushing the Redis outbox) after requests drained.
        await App.DisposeAsync().ConfigureAwait(false);
        await _keys.DisposeAsync().ConfigureAwait(false);
        if (_redis is not null)
        {
            // Last: the tenants' stores flushed their outboxes through it.
            await _redis.DisposeAsync().ConfigureAwait(false);
        }

        _metrics.Dispose();
        _telemetry.Dispose();
    }
}
