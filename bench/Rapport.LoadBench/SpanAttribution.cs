using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Rapport.LoadBench;

/// <summary>Stopwatch attribution from the server's own spans (the <c>Rapport</c> source: embedding, search, store, scoring) and
/// ASP.NET Core's request activity: total and mean milliseconds per span name during the measured load.</summary>
/// <remarks>Spans nest (a request contains the loop's record, which contains the store's write), so totals do not add up; compare a
/// span with its parent. Wall time, not CPU time.</remarks>
internal sealed class SpanAttribution : IDisposable
{
    private readonly ConcurrentDictionary<string, (long Count, double Milliseconds)> _spans = new(StringComparer.Ordinal);
    private readonly ActivityListener _listener;

    public SpanAttribution()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Rapport", StringComparison.Ordinal) || source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                var name = activity.Source.Name == "Microsoft.AspNetCore" ? "HTTP " + activity.DisplayName : activity.DisplayName;
                _spans.AddOrUpdate(name, (1, activity.Duration.TotalMilliseconds), (_, s) => (s.Count + 1, s.Milliseconds + activity.Duration.TotalMilliseconds));
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Forgets what was measured so far (the warm-up).</summary>
    public void Reset() => _spans.Clear();

    /// <summary>The spans as a markdown table, per turn.</summary>
    public string Markdown(string store, int turns)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"| {store}: span | count | total s | ms per turn | mean ms |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (name, (count, ms)) in _spans.OrderByDescending(s => s.Value.Milliseconds))
        {
            text.AppendLine(c, $"| {name} | {count} | {ms / 1000:0.00} | {ms / Math.Max(1, turns):0.0} | {ms / count:0.00} |");
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();
}
