using Rapport.Telemetry;
using System.Diagnostics;
using OpenTelemetry;
using Rapport.OpenTelemetry.Redaction;

namespace Rapport.OpenTelemetry.LocalTraces;

/// <summary>An OpenTelemetry exporter that writes finished spans, redacted, to a <see cref="LocalTraceStore"/>.</summary>
/// <remarks>Run it behind a <see cref="BatchActivityExportProcessor"/> (as <c>AddRapportLocalTraces</c> does): spans are then
/// written in batches on the processor's thread, off the traced operation's path. A failed write drops that batch
/// (reported as <see cref="ExportResult.Failure"/>) and never reaches the traced code.</remarks>
public sealed class LocalTraceExporter : BaseExporter<Activity>
{
    private readonly LocalTraceStore _store;

    /// <summary>Creates the exporter over a store it does not own.</summary>
    public LocalTraceExporter(LocalTraceStore store)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
    }

    /// <inheritdoc />
    public override ExportResult Export(in Batch<Activity> batch)
    {
        var spans = new List<TraceSpan>((int)Math.Min(batch.Count, 4096));
        foreach (var activity in batch)
        {
            // A dashboard page's own spans go to other exporters only: kept here, browsing would bury the traces the dashboard shows.
            if (activity.GetBaggageItem(RapportTelemetryNames.DashboardBaggage) is null)
            {
                spans.Add(ToSpan(activity, _store.IncludeSensitiveData));
            }
        }

        if (spans.Count == 0)
        {
            return ExportResult.Success;
        }

        try
        {
            _store.Write(spans);
            return ExportResult.Success;
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or InvalidOperationException)
        {
            return ExportResult.Failure;
        }
    }

    /// <summary>Converts a finished activity to a stored span, redacting what the store may not keep.</summary>
    internal static TraceSpan ToSpan(Activity activity, bool includeSensitiveData)
    {
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in activity.TagObjects)
        {
            attributes[tag.Key] = TraceRedactor.Attribute(tag.Key, tag.Value, includeSensitiveData);
        }

        var events = new List<TraceEvent>();
        foreach (var e in activity.Events)
        {
            var eventAttributes = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in e.Tags)
            {
                eventAttributes[tag.Key] = TraceRedactor.Attribute(tag.Key, tag.Value, includeSensitiveData);
            }

            events.Add(new TraceEvent(e.Name, e.Timestamp, eventAttributes));
        }

        return new TraceSpan(
            activity.TraceId.ToHexString(),
            activity.SpanId.ToHexString(),
            activity.ParentSpanId == default ? null : activity.ParentSpanId.ToHexString(),
            activity.DisplayName,
            activity.Source.Name,
            activity.Kind,
            new DateTimeOffset(activity.StartTimeUtc, TimeSpan.Zero),
            activity.Duration,
            activity.Status,
            TraceRedactor.StatusDescription(activity.StatusDescription, includeSensitiveData),
            attributes,
            events);
    }
}
