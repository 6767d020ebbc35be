using Rapport.Telemetry;
using Rapport.OpenTelemetry.LocalTraces;

namespace Rapport.OpenTelemetry.Hosting;

/// <summary>What a host's telemetry does: where local traces live, whether they are kept, and where OTLP goes.</summary>
public sealed class RapportTelemetryHostOptions
{
    /// <summary>Gets or sets the data folder; the trace store and the user-hash key live there.</summary>
    /// <value>Required.</value>
    public string Home { get; set; } = "";

    /// <summary>Gets or sets the <c>service.name</c> resource attribute, unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    /// <value>The default is <c>rapport</c>.</value>
    public string ServiceName { get; set; } = "rapport";

    /// <summary>Gets or sets whether spans are kept in the local trace store.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool LocalTraces { get; set; } = true;

    /// <summary>Gets the local trace store's options (retention, redaction, clock); its path defaults to <c>&lt;Home&gt;/traces.db</c>.</summary>
    public LocalTraceStoreOptions LocalTraceStore { get; } = new();

    /// <summary>Gets or sets whether exporters may receive user text that spans carry (OTLP and, when its own option allows, the local store).</summary>
    /// <value>The default is <see langword="false"/>: failure messages are redacted before any exporter.</value>
    public bool IncludeSensitiveData { get; set; }

    /// <summary>Gets or sets how environment variables are read (tests pass their own).</summary>
    /// <value>The default is <see cref="Environment.GetEnvironmentVariable(string)"/>.</value>
    public Func<string, string?> Environment { get; set; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Gets span processors that run before the exporters, for example one that tags each span with the tenant it was made for.</summary>
    /// <value>The default is empty. The host disposes them with the tracer provider.</value>
    public IList<global::OpenTelemetry.BaseProcessor<System.Diagnostics.Activity>> Processors { get; } = [];

    /// <summary>Gets or sets how long spans may wait before the local store writes a batch.</summary>
    /// <value>The default is 2000 ms.</value>
    public int LocalBatchDelayMilliseconds { get; set; } = 2000;
}
