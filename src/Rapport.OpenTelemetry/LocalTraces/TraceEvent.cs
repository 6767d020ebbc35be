using Rapport.Telemetry;

namespace Rapport.OpenTelemetry.LocalTraces;

/// <summary>An event of a stored span, for example <c>exception</c> or <c>gen_ai.evaluation.result</c>.</summary>
/// <param name="Name">The event's name.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Attributes">Its attributes (redacted like the span's).</param>
public sealed record TraceEvent(string Name, DateTimeOffset Timestamp, IReadOnlyDictionary<string, object?> Attributes);
