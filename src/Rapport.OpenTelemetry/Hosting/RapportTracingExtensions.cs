using Rapport.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Rapport.OpenTelemetry.LocalTraces;
using Rapport.OpenTelemetry.Otlp;
using Rapport.OpenTelemetry.Redaction;

namespace Rapport.OpenTelemetry.Hosting;

/// <summary>Adds Rapport's sources, the local trace store and OTLP export to OpenTelemetry SDK builders.</summary>
public static class RapportTracingExtensions
{
    /// <summary>Listens to the <c>Rapport</c> source; unless <paramref name="includeSensitiveData"/>, redacts failure messages first.</summary>
    public static TracerProviderBuilder AddRapportTracing(this TracerProviderBuilder builder, bool includeSensitiveData = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSource(RapportTelemetryNames.SourceName);
        return includeSensitiveData ? builder : builder.AddProcessor(new RedactingSpanProcessor());
    }

    /// <summary>Writes finished spans to <paramref name="store"/> in batches, on a background thread.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="store">The store; the caller owns it.</param>
    /// <param name="scheduledDelayMilliseconds">How long spans may wait before a batch is written.</param>
    public static TracerProviderBuilder AddRapportLocalTraces(this TracerProviderBuilder builder, LocalTraceStore store, int scheduledDelayMilliseconds = 2000)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddProcessor(new BatchActivityExportProcessor(
            new LocalTraceExporter(store), scheduledDelayMilliseconds: scheduledDelayMilliseconds));
    }

    /// <summary>Exports spans over OTLP when the environment names an endpoint (<see cref="OtlpEnvironment"/>); otherwise adds nothing.</summary>
    public static TracerProviderBuilder AddRapportOtlp(this TracerProviderBuilder builder, OtlpEnvironment otlp)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(otlp);
        return otlp.TracesEndpoint is { } endpoint ? builder.AddOtlpExporter(o => otlp.Apply(o, endpoint)) : builder;
    }

    /// <summary>Exports Rapport's metrics over OTLP when the environment names an endpoint; otherwise only listens.</summary>
    public static MeterProviderBuilder AddRapportOtlp(this MeterProviderBuilder builder, OtlpEnvironment otlp)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(otlp);
        builder.AddMeter(RapportTelemetryNames.SourceName);
        return otlp.MetricsEndpoint is { } endpoint ? builder.AddOtlpExporter(o => otlp.Apply(o, endpoint)) : builder;
    }
}
