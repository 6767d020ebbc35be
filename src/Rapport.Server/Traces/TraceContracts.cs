using System.Diagnostics;
using Rapport.OpenTelemetry.LocalTraces;

namespace Rapport.Server.Traces;

// The trace endpoints' response shapes, together.

/// <summary>One trace in a listing.</summary>
public sealed record TraceSummaryView(string TraceId, string Operation, DateTimeOffset Start, double DurationMs, string Status, int SpanCount, int ErrorCount)
{
    /// <summary>Returns the wire form of <paramref name="s"/>.</summary>
    public static TraceSummaryView From(TraceSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.TraceId, s.Operation, s.Start, s.Duration.TotalMilliseconds, StatusName(s.Status), s.SpanCount, s.ErrorCount);
    }

    internal static string StatusName(ActivityStatusCode status) => status switch
    {
        ActivityStatusCode.Ok => "ok",
        ActivityStatusCode.Error => "error",
        _ => "unset",
    };
}

/// <summary>An event of a span.</summary>
public sealed record SpanEventView(string Name, DateTimeOffset Timestamp, IReadOnlyDictionary<string, object?> Attributes);

/// <summary>A span with the spans it called.</summary>
public sealed record SpanView(
    string SpanId, string? ParentSpanId, string Name, string Source, string Kind, DateTimeOffset Start, double DurationMs, string Status,
    string? StatusDescription, IReadOnlyDictionary<string, object?> Attributes, IReadOnlyList<SpanEventView> Events, IReadOnlyList<SpanView> Children)
{
    /// <summary>Returns the wire form of a tree.</summary>
    public static SpanView From(TraceTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var s = tree.Span;
        return new(s.SpanId, s.ParentSpanId, s.Name, s.Source, s.Kind.ToString().ToLowerInvariant(), s.Start, s.Duration.TotalMilliseconds,
            TraceSummaryView.StatusName(s.Status), s.StatusDescription, s.Attributes, [.. s.Events.Select(e => new SpanEventView(e.Name, e.Timestamp, e.Attributes))],
            [.. tree.Children.Select(From)]);
    }
}

/// <summary>One trace as a tree of spans (one root per span whose parent is not in the trace).</summary>
public sealed record TraceView(string TraceId, int SpanCount, IReadOnlyList<SpanView> Roots);
