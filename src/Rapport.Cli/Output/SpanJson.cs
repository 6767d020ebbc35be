using Rapport.OpenTelemetry.LocalTraces;

namespace Rapport.Cli.Output;

/// <summary>A span and its children in <c>rapport traces show ID --json</c>.</summary>
internal sealed record SpanJson(
    string SpanId,
    string? ParentSpanId,
    string Name,
    DateTimeOffset Start,
    double DurationMs,
    string Status,
    string? StatusDescription,
    Dictionary<string, object?> Attributes,
    List<SpanEventJson> Events,
    List<SpanJson> Children)
{
    public static SpanJson From(TraceTree node) => new(
        node.Span.SpanId,
        node.Span.ParentSpanId,
        node.Span.Name,
        node.Span.Start,
        node.Span.Duration.TotalMilliseconds,
        TraceStatusText.Of(node.Span.Status),
        node.Span.StatusDescription,
        new Dictionary<string, object?>(node.Span.Attributes, StringComparer.Ordinal),
        [.. node.Span.Events.Select(e => new SpanEventJson(e.Name, e.Timestamp, new Dictionary<string, object?>(e.Attributes, StringComparer.Ordinal)))],
        [.. node.Children.Select(From)]);
}

/// <summary>An event of a span in <c>rapport traces show ID --json</c>.</summary>
internal sealed record SpanEventJson(string Name, DateTimeOffset Time, Dictionary<string, object?> Attributes);
