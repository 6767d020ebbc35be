using Rapport.Telemetry;

namespace Rapport.OpenTelemetry.LocalTraces;

/// <summary>A span and the spans it called, for drawing a trace's call tree.</summary>
/// <param name="Span">The span.</param>
/// <param name="Children">The spans whose parent it is, in start order.</param>
public sealed record TraceTree(TraceSpan Span, IReadOnlyList<TraceTree> Children)
{
    /// <summary>Builds the trees of a trace's spans: one per root (a span whose parent is not among them), in start order.</summary>
    public static IReadOnlyList<TraceTree> Build(IReadOnlyList<TraceSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        var ids = spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        var byParent = spans
            .Where(s => s.ParentSpanId is not null && ids.Contains(s.ParentSpanId))
            .ToLookup(s => s.ParentSpanId!, StringComparer.Ordinal);
        TraceTree Node(TraceSpan span) => new(span, byParent[span.SpanId].OrderBy(s => s.Start).Select(Node).ToList());
        return spans.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId)).OrderBy(s => s.Start).Select(Node).ToList();
    }
}
