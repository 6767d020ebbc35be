using Rapport.OpenTelemetry.LocalTraces;

namespace Rapport.Cli.Output;

/// <summary>A trace in <c>rapport traces --json</c>.</summary>
internal sealed record TraceJson(string TraceId, string Operation, DateTimeOffset Start, double DurationMs, string Status, int Spans, int Errors)
{
    public static TraceJson From(TraceSummary trace) => new(
        trace.TraceId, trace.Operation, trace.Start, trace.Duration.TotalMilliseconds, TraceStatusText.Of(trace.Status), trace.SpanCount, trace.ErrorCount);
}
