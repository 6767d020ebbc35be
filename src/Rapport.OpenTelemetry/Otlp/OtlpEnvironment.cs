using Rapport.Telemetry;
using OpenTelemetry.Exporter;

namespace Rapport.OpenTelemetry.Otlp;

/// <summary>OTLP export settings read from the standard <c>OTEL_EXPORTER_OTLP_*</c> variables.</summary>
/// <remarks>
/// <para>
/// Export is on when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or the signal's <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c> /
/// <c>_METRICS_ENDPOINT</c>) is set. Per the OTLP specification the base endpoint gets <c>/v1/traces</c> or
/// <c>/v1/metrics</c> appended for <c>http/protobuf</c>, while a signal endpoint is used as given;
/// <c>OTEL_EXPORTER_OTLP_HEADERS</c> is <c>key=value</c> pairs separated by commas (for example an API key);
/// <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> is <c>http/protobuf</c> (the default here, as the specification recommends) or <c>grpc</c>.
/// </para>
/// <para>Immutable. Read with <see cref="Read"/>; a reader function lets tests pass variables without touching the process.</para>
/// </remarks>
/// <param name="TracesEndpoint">Where spans go, or <see langword="null"/> when traces are not exported.</param>
/// <param name="MetricsEndpoint">Where metrics go, or <see langword="null"/> when metrics are not exported.</param>
/// <param name="Headers">The headers, as the variable gives them, or <see langword="null"/>.</param>
/// <param name="Protocol">The protocol.</param>
public sealed record OtlpEnvironment(Uri? TracesEndpoint, Uri? MetricsEndpoint, string? Headers, OtlpExportProtocol Protocol)
{
    /// <summary>The base endpoint variable.</summary>
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The headers variable.</summary>
    public const string HeadersVariable = "OTEL_EXPORTER_OTLP_HEADERS";

    /// <summary>The protocol variable.</summary>
    public const string ProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>Gets whether anything is exported.</summary>
    public bool IsEnabled => TracesEndpoint is not null || MetricsEndpoint is not null;

    /// <summary>Reads the variables with <paramref name="variables"/> (default: the process environment).</summary>
    /// <exception cref="ArgumentException">An endpoint is not an absolute http(s) URI, or the protocol is unknown.</exception>
    public static OtlpEnvironment Read(Func<string, string?>? variables = null)
    {
        variables ??= Environment.GetEnvironmentVariable;
        var protocol = ParseProtocol(Get(variables, "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL") ?? Get(variables, ProtocolVariable));
        var baseEndpoint = ParseEndpoint(Get(variables, EndpointVariable), EndpointVariable);
        var traces = ParseEndpoint(Get(variables, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"), "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
            ?? Signal(baseEndpoint, "v1/traces", protocol);
        var metrics = ParseEndpoint(Get(variables, "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"), "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT")
            ?? Signal(baseEndpoint, "v1/metrics", protocol);
        return new OtlpEnvironment(traces, metrics, Get(variables, "OTEL_EXPORTER_OTLP_TRACES_HEADERS") ?? Get(variables, HeadersVariable), protocol);
    }

    /// <summary>Applies these settings to an exporter's options for one signal.</summary>
    public void Apply(OtlpExporterOptions options, Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Endpoint = endpoint;
        options.Protocol = Protocol;
        if (Headers is not null)
        {
            options.Headers = Headers;
        }
    }

    private static string? Get(Func<string, string?> variables, string name) =>
        variables(name) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static OtlpExportProtocol ParseProtocol(string? value) => value?.ToLowerInvariant() switch
    {
        null or "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
        "grpc" => OtlpExportProtocol.Grpc,
        _ => throw new ArgumentException($"Unsupported {ProtocolVariable} '{value}': use http/protobuf or grpc."),
    };

    private static Uri? ParseEndpoint(string? value, string variable)
    {
        if (value is null)
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new ArgumentException($"Invalid {variable} '{value}': use an absolute http:// or https:// URL, for example http://localhost:4318.");
    }

    private static Uri? Signal(Uri? baseEndpoint, string path, OtlpExportProtocol protocol) =>
        baseEndpoint is null ? null
        : protocol == OtlpExportProtocol.Grpc ? baseEndpoint
        : new Uri(baseEndpoint.AbsoluteUri.TrimEnd('/') + "/" + path);
}
