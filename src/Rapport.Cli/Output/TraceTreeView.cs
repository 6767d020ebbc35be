using System.Collections;
using System.Globalization;
using System.Text.Json;
using Rapport.OpenTelemetry.LocalTraces;
using Spectre.Console;

namespace Rapport.Cli.Output;

/// <summary>Draws a trace's call tree: each span with its duration and status, then its attributes, events and children.</summary>
internal static class TraceTreeView
{
    public static Tree Render(string traceId, IReadOnlyList<TraceTree> roots)
    {
        var tree = new Tree($"[bold]trace[/] {traceId}");
        foreach (var root in roots)
        {
            Add(tree.AddNode(Label(root.Span)), root);
        }

        return tree;
    }

    private static void Add(TreeNode node, TraceTree span)
    {
        foreach (var (key, value) in span.Span.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            node.AddNode($"[grey]{Markup.Escape(key)}[/] = {Markup.Escape(Format(value))}");
        }

        foreach (var e in span.Span.Events)
        {
            var attributes = string.Join(", ", e.Attributes
                .Where(a => a.Key != "exception.stacktrace")
                .Select(a => $"{a.Key}={Format(a.Value)}"));
            node.AddNode($"[yellow]event[/] {Markup.Escape(e.Name)} [grey]{Markup.Escape(attributes)}[/]");
        }

        foreach (var child in span.Children)
        {
            Add(node.AddNode(Label(child.Span)), child);
        }
    }

    private static string Label(TraceSpan span)
    {
        var status = span.Status == System.Diagnostics.ActivityStatusCode.Error
            ? $" [red]error[/]{(span.StatusDescription is { } d ? " " + Markup.Escape(d) : "")}"
            : " [green]ok[/]";
        return $"[bold]{Markup.Escape(span.Name)}[/] [blue]{Duration(span.Duration)}[/]{status}";
    }

    public static string Duration(TimeSpan duration) => duration.TotalMilliseconds < 1
        ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMicroseconds:0}µs")
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.00}ms");

    private static string Format(object? value) => value switch
    {
        null => "null",
        string s => s.Length > 200 ? s[..200] + "…" : s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Format)) + "]",
        _ => JsonSerializer.Serialize(value.ToString()),
    };
}
