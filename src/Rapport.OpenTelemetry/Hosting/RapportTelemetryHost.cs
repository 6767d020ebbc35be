using Rapport.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Rapport.OpenTelemetry.LocalTraces;
using Rapport.OpenTelemetry.Otlp;

namespace Rapport.OpenTelemetry.Hosting;

/// <summary>The OpenTelemetry SDK as a Rapport host (CLI, server) runs it: Rapport's spans and metrics, kept locally and
/// exported over OTLP when the environment says so.</summary>
/// <remarks>
/// Disposing flushes: spans still in a batch are written to the local store and sent over OTLP before the
/// providers stop. Thread-safe. One host per process: the SDK's listeners are process-wide.
/// </remarks>
public sealed class RapportTelemetryHost : IDisposable
{
    private readonly TracerProvider _tracer;
    private readonly MeterProvider _meter;

    private RapportTelemetryHost(TracerProvider tracer, MeterProvider meter, LocalTraceStore? traces, UserIdPseudonymizer pseudonymizer, OtlpEnvironment otlp)
    {
        _tracer = tracer;
        _meter = meter;
        Traces = traces;
        Pseudonymizer = pseudonymizer;
        Otlp = otlp;
    }

    /// <summary>Gets the local trace store, or <see langword="null"/> when local traces are off.</summary>
    public LocalTraceStore? Traces { get; }

    /// <summary>Gets the user-id hasher of the data folder (the one the core's spans use).</summary>
    public UserIdPseudonymizer Pseudonymizer { get; }

    /// <summary>Gets the OTLP settings read from the environment.</summary>
    public OtlpEnvironment Otlp { get; }

    /// <summary>Starts the SDK: tracing and metrics for the <c>Rapport</c> source, the local store, and OTLP when configured.</summary>
    /// <exception cref="ArgumentException">The options or the <c>OTEL_EXPORTER_OTLP_*</c> variables are invalid.</exception>
    /// <exception cref="IOException">The local trace store cannot be opened.</exception>
    public static RapportTelemetryHost Start(RapportTelemetryHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Home, nameof(options.Home));
        var otlp = OtlpEnvironment.Read(options.Environment);
        LocalTraceStore? traces = null;
        if (options.LocalTraces)
        {
            options.LocalTraceStore.Path ??= Path.Combine(options.Home, LocalTraceStoreOptions.DefaultFileName);
            traces = LocalTraceStore.Open(options.LocalTraceStore);
        }

        var resource = ResourceBuilder.CreateDefault();
        if (string.IsNullOrWhiteSpace(options.Environment("OTEL_SERVICE_NAME")))
        {
            resource.AddService(options.ServiceName);
        }

        // A host framework's own unrecorded activity (ASP.NET Core starts one per request and records it only when something listens to it)
        // must not silence Rapport's spans under it: the default parent-based sampler would drop them all.
        var tracing = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource)
            .SetSampler(new ParentBasedSampler(new AlwaysOnSampler(), localParentNotSampled: new AlwaysOnSampler()));
        foreach (var processor in options.Processors)
        {
            tracing.AddProcessor(processor);
        }

        tracing.AddRapportTracing(options.IncludeSensitiveData);
        if (traces is not null)
        {
            tracing.AddRapportLocalTraces(traces, options.LocalBatchDelayMilliseconds);
        }

        var tracer = tracing.AddRapportOtlp(otlp).Build();
        var meter = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddRapportOtlp(otlp).Build();
        return new RapportTelemetryHost(tracer, meter, traces, UserIdPseudonymizer.ForHome(options.Home), otlp);
    }

    /// <summary>Writes and sends every finished span now.</summary>
    /// <returns>Whether every exporter finished within the timeout.</returns>
    public bool Flush(int timeoutMilliseconds = 10_000) => _tracer.ForceFlush(timeoutMilliseconds) & _meter.ForceFlush(timeoutMilliseconds);

    /// <summary>Removes a user's traces from the local store, after flushing so that spans still in a batch go too.</summary>
    /// <returns>How many spans were removed.</returns>
    public async Task<long> ForgetUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (Traces is null)
        {
            return 0;
        }

        Flush();
        return await Traces.ForgetUserAsync(userId, Pseudonymizer, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _tracer.Dispose();
        _meter.Dispose();
        Traces?.Dispose();
    }
}
