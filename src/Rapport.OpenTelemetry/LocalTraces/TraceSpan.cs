using Rapport.Telemetry;
using System.Diagnostics;

namespace Rapport.OpenTelemetry.LocalTraces;

/// <summary>One span as the local trace store keeps it (already redacted).</summary>
/// <param name="TraceId">The trace, 32 hex digits.</param>
/// <param name="SpanId">The span, 16 hex digits.</param>
/// <param name="ParentSpanId">The parent span, or <see langword="null"/> for a root.</param>
/// <param name="Name">The operation, for example <c>rapport.memory.recall</c>.</param>
/// <param name="Source">The activity source, for example <c>Rapport</c>.</param>
/// <param name="Kind">The span kind.</param>
/// <param name="Start">When it started.</param>
/// <param name="Duration">How long it took.</param>
/// <param name="Status">Its status.</param>
/// <param name="StatusDescription">The status description (redacted unless sensitive data is kept), or <see langword="null"/>.</param>
/// <param name="Attributes">Its attributes: strings, numbers, booleans, or arrays of them.</param>
/// <param name="Events">Its events.</param>
public sealed record TraceSpan(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    string Source,
    ActivityKind Kind,
    DateTimeOffset Start,
    TimeSpan Duration,
    ActivityStatusCode Status,
    string? StatusDescription,
    IReadOnlyDictionary<string, object?> Attributes,
    IReadOnlyList<TraceEvent> Events);
