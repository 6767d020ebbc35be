using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rapport.OpenTelemetry.Hosting;
using Rapport.OpenTelemetry.LocalTraces;
using Rapport.Server.Api;

namespace Rapport.Server.Traces;

/// <summary>Traces from this instance's local trace store: a tenant's key sees only its tenant's spans, an admin key every span. Local traces
/// stay per instance; OTLP (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) is the path shared by a fleet. Spans carry no user text unless the operator
/// opted in (the store's redaction).</summary>
internal static class TraceEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/traces").WithTags("traces");
        group.MapGet("", async (TenantContext t, RapportTelemetryHost telemetry, CancellationToken ct,
            string? operation, bool? errors, double? minDurationMs, DateTimeOffset? since, DateTimeOffset? until, int? limit) =>
        {
            var query = new TraceQuery
            {
                Last = limit ?? 20, Operation = operation, ErrorsOnly = errors ?? false, Since = since, Until = until, Tenant = Scope(t),
                MinDuration = minDurationMs is { } ms ? (ms >= 0 ? TimeSpan.FromMilliseconds(ms) : throw new ArgumentException($"minDurationMs cannot be negative (got {ms}).", nameof(minDurationMs))) : null,
            };
            var traces = await Store(telemetry).ListTracesAsync(query, ct).ConfigureAwait(false);
            return TypedResults.Ok(traces.Select(TraceSummaryView.From).ToList());
        }).WithName("ListTraces")
            .WithSummary("List recent traces of this instance, newest first: filter by operation, errors, minimum duration and start time.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/{traceId}", async (string traceId, TenantContext t, RapportTelemetryHost telemetry, CancellationToken ct) =>
        {
            var spans = await Store(telemetry).GetTraceAsync(traceId, Scope(t), ct).ConfigureAwait(false)
                ?? throw new NotFoundException($"No trace '{traceId}' on this instance for this key (traces are kept per instance; see GET /v1/traces).");
            return TypedResults.Ok(new TraceView(spans[0].TraceId, spans.Count, [.. TraceTree.Build(spans).Select(SpanView.From)]));
        }).WithName("GetTrace").WithSummary("Show one trace (its id, or 8+ first hex digits) as a tree of spans with attributes and events.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    // An admin key sees every span; a tenant's key its tenant's; a key bound to one user none (spans are the tenant's).
    private static string? Scope(TenantContext t) =>
        t.Caller.User is not null
            ? throw new ForbiddenException("Traces belong to the tenant; this key is bound to one user. Use a key that is not bound to a user.")
            : t.Caller.Admin ? null : t.Scope.Tenant;

    private static LocalTraceStore Store(RapportTelemetryHost telemetry) =>
        telemetry.Traces ?? throw new ConflictException(
            "Local traces are off on this instance; spans go over OTLP only, when OTEL_EXPORTER_OTLP_ENDPOINT is set.");
}
