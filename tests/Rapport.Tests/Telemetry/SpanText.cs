using System.Collections;
using System.Diagnostics;
using System.Globalization;

namespace Rapport.Tests.Telemetry;

/// <summary>Everything a span would export, as text: name, status, tags and event tags.</summary>
internal static class SpanText
{
    public static string Of(Activity span)
    {
        var parts = new List<string> { span.DisplayName, span.StatusDescription ?? "" };
        parts.AddRange(span.TagObjects.Select(t => $"{t.Key}={Format(t.Value)}"));
        foreach (var e in span.Events)
        {
            parts.Add(e.Name);
            parts.AddRange(e.Tags.Select(t => $"{t.Key}={Format(t.Value)}"));
        }

        return string.Join('\n', parts);
    }

    public static string Of(IEnumerable<Activity> spans) => string.Join("\n---\n", spans.Select(Of));

    private static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        IEnumerable items => string.Join(',', items.Cast<object?>().Select(Format)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
