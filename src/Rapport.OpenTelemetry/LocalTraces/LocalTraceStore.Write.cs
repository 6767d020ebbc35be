using Rapport.Telemetry;
using Microsoft.Data.Sqlite;
using Rapport.OpenTelemetry.Internal;

namespace Rapport.OpenTelemetry.LocalTraces;

/// <summary>Writing spans: one transaction per batch.</summary>
public sealed partial class LocalTraceStore
{
    /// <summary>Writes a batch of (already redacted) spans in one transaction, linking their traces to the users they name by hash.</summary>
    /// <remarks>Synchronous: it runs on the export processor's thread. Purges expired spans first when an hour has passed.</remarks>
    public void Write(IReadOnlyList<TraceSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        if (spans.Count == 0)
        {
            return;
        }

        var now = NowUs();
        if (now >= Interlocked.Read(ref _nextPurgeUs))
        {
            PurgeExpiredAsync().GetAwaiter().GetResult();
        }

        var expires = now + (long)Retention.TotalMicroseconds;
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT OR REPLACE INTO spans (trace_id, span_id, parent_span_id, name, source, kind, start_us, duration_us, status,
                status_description, attributes, events, expires_at_us, tokens)
            VALUES ($trace, $span, $parent, $name, $source, $kind, $start, $duration, $status, $description, $attributes, $events, $expires, $tokens);
            """;
        var p = insert.Parameters;
        var trace = p.Add("$trace", SqliteType.Text);
        var span = p.Add("$span", SqliteType.Text);
        var parent = p.Add("$parent", SqliteType.Text);
        var name = p.Add("$name", SqliteType.Text);
        var source = p.Add("$source", SqliteType.Text);
        var kind = p.Add("$kind", SqliteType.Integer);
        var start = p.Add("$start", SqliteType.Integer);
        var duration = p.Add("$duration", SqliteType.Integer);
        var status = p.Add("$status", SqliteType.Integer);
        var description = p.Add("$description", SqliteType.Text);
        var attributes = p.Add("$attributes", SqliteType.Text);
        var events = p.Add("$events", SqliteType.Text);
        var tokens = p.Add("$tokens", SqliteType.Integer);
        p.AddWithValue("$expires", expires);

        using var link = connection.CreateCommand();
        link.Transaction = transaction;
        link.CommandText = "INSERT OR REPLACE INTO trace_users (user_hash, trace_id, expires_at_us) VALUES ($hash, $trace, $expires);";
        var linkHash = link.Parameters.Add("$hash", SqliteType.Text);
        var linkTrace = link.Parameters.Add("$trace", SqliteType.Text);
        link.Parameters.AddWithValue("$expires", expires);

        foreach (var s in spans)
        {
            trace.Value = s.TraceId;
            span.Value = s.SpanId;
            parent.Value = (object?)s.ParentSpanId ?? DBNull.Value;
            name.Value = s.Name;
            source.Value = s.Source;
            kind.Value = (int)s.Kind;
            start.Value = ToUs(s.Start);
            duration.Value = (long)s.Duration.TotalMicroseconds;
            status.Value = (int)s.Status;
            description.Value = (object?)s.StatusDescription ?? DBNull.Value;
            attributes.Value = AttributeJson.Write(s.Attributes);
            events.Value = AttributeJson.WriteEvents(s.Events);
            // The context size also in its own column, for health pages (TraceSchema version 2).
            tokens.Value = s.Attributes.GetValueOrDefault(RapportTelemetryNames.ContextTokens) switch
            {
                long n => n,
                int n => n,
                _ => DBNull.Value,
            };
            insert.ExecuteNonQuery();
            foreach (var hash in UserHashes(s))
            {
                linkHash.Value = hash;
                linkTrace.Value = s.TraceId;
                link.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    private static IEnumerable<string> UserHashes(TraceSpan span) =>
        span.Attributes.TryGetValue(RapportTelemetryNames.UserHash, out var value) ? value switch
        {
            string one => [one],
            IEnumerable<string> many => many,
            object?[] many => many.OfType<string>(),
            _ => [],
        } : [];
}
