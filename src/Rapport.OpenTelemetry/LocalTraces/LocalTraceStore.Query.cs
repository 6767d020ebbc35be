using Rapport.Telemetry;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Rapport.OpenTelemetry.Internal;

namespace Rapport.OpenTelemetry.LocalTraces;

/// <summary>Reading traces: recent listings and one trace's spans.</summary>
public sealed partial class LocalTraceStore
{
    /// <summary>Lists the most recent live traces, newest first.</summary>
    /// <exception cref="ArgumentException">The query is invalid.</exception>
    public async Task<IReadOnlyList<TraceSummary>> ListTracesAsync(TraceQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new TraceQuery();
        query.Validate();
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT trace_id FROM spans WHERE expires_at_us > $now {TenantClause(query.Tenant)}
              {(query.ErrorsOnly ? "AND trace_id IN (SELECT trace_id FROM spans INDEXED BY spans_errors WHERE status = 2)" : "")}
            GROUP BY trace_id
            HAVING 1 = 1
              {(query.ErrorsOnly ? "AND SUM(status = 2) > 0" : "")}
              {(query.Operation is null ? "" : "AND SUM(instr(lower(name), lower($op)) > 0) > 0")}
              {(query.MinDuration is null ? "" : "AND MAX(start_us + duration_us) - MIN(start_us) >= $min")}
              {(query.Since is null ? "" : "AND MIN(start_us) >= $since")}
              {(query.Until is null ? "" : "AND MIN(start_us) < $until")}
            ORDER BY MIN(start_us) DESC, trace_id
            LIMIT $last;
            """;
        command.Parameters.AddWithValue("$now", NowUs());
        command.Parameters.AddWithValue("$last", query.Last);
        if (query.Operation is not null)
        {
            command.Parameters.AddWithValue("$op", query.Operation);
        }

        command.Parameters.AddWithValue("$min", (long)(query.MinDuration?.TotalMicroseconds ?? 0));
        command.Parameters.AddWithValue("$since", query.Since is { } since ? ToUs(since) : 0);
        command.Parameters.AddWithValue("$until", query.Until is { } until ? ToUs(until) : 0);
        command.Parameters.AddWithValue("$tenant", (object?)query.Tenant ?? DBNull.Value);

        var traceIds = new List<string>();
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                traceIds.Add(reader.GetString(0));
            }
        }

        var summaries = new List<TraceSummary>(traceIds.Count);
        foreach (var traceId in traceIds)
        {
            var spans = await ReadSpansAsync(connection, traceId, query.Tenant, cancellationToken).ConfigureAwait(false);
            if (spans.Count > 0)
            {
                summaries.Add(Summarize(traceId, spans));
            }
        }

        return summaries;
    }

    /// <summary>Gets the live spans of one trace, by its id or an unambiguous prefix of at least 8 hex digits.</summary>
    /// <returns>The spans in start order, or <see langword="null"/> when no live trace matches.</returns>
    /// <exception cref="ArgumentException">The id is malformed, or the prefix matches several traces.</exception>
    public Task<IReadOnlyList<TraceSpan>?> GetTraceAsync(string traceId, CancellationToken cancellationToken = default) =>
        GetTraceAsync(traceId, null, cancellationToken);

    /// <summary>Gets one trace's live spans tagged with <paramref name="tenant"/> (all spans when it is <see langword="null"/>), by id or a prefix of 8+ hex digits.</summary>
    /// <returns>The spans in start order, or <see langword="null"/> when no live trace matches (for that tenant).</returns>
    /// <exception cref="ArgumentException">The id is malformed, or the prefix matches several traces.</exception>
    public async Task<IReadOnlyList<TraceSpan>?> GetTraceAsync(string traceId, string? tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(traceId);
        var id = traceId.Trim().ToLowerInvariant();
        if (id.Length is < 8 or > 32 || !id.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException($"Invalid trace id '{traceId}': use the 32 hex digits shown by 'rapport traces', or at least their first 8.", nameof(traceId));
        }

        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT DISTINCT trace_id FROM spans WHERE trace_id >= $id AND trace_id < $end AND expires_at_us > $now {TenantClause(tenant)} LIMIT 2;";
        command.Parameters.AddWithValue("$tenant", (object?)tenant ?? DBNull.Value);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$end", id + "g");
        command.Parameters.AddWithValue("$now", NowUs());
        var matches = new List<string>();
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                matches.Add(reader.GetString(0));
            }
        }

        return matches.Count switch
        {
            0 => null,
            1 => await ReadSpansAsync(connection, matches[0], tenant, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentException($"The trace id prefix '{traceId}' matches several traces: give more digits.", nameof(traceId)),
        };
    }

    // Spans of one tenant only: the tag the server's tagger sets at span start (an operator-chosen name, kept by redaction).
    private static string TenantClause(string? tenant) =>
        tenant is null ? "" : $"AND json_extract(attributes, '$.\"{RapportTelemetryNames.Tenant}\"') = $tenant";

    private async Task<List<TraceSpan>> ReadSpansAsync(SqliteConnection connection, string traceId, string? tenant, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT span_id, parent_span_id, name, source, kind, start_us, duration_us, status, status_description, attributes, events
            FROM spans WHERE trace_id = $trace AND expires_at_us > $now {TenantClause(tenant)} ORDER BY start_us, span_id;
            """;
        command.Parameters.AddWithValue("$trace", traceId);
        command.Parameters.AddWithValue("$tenant", (object?)tenant ?? DBNull.Value);
        command.Parameters.AddWithValue("$now", NowUs());
        var spans = new List<TraceSpan>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            spans.Add(new TraceSpan(
                traceId,
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                (ActivityKind)reader.GetInt32(4),
                FromUs(reader.GetInt64(5)),
                TimeSpan.FromMicroseconds(reader.GetInt64(6)),
                (ActivityStatusCode)reader.GetInt32(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                AttributeJson.Read(reader.GetString(9)),
                AttributeJson.ReadEvents(reader.GetString(10))));
        }

        return spans;
    }

    private static TraceSummary Summarize(string traceId, List<TraceSpan> spans)
    {
        var root = TraceTree.Build(spans)[0].Span;
        var start = spans.Min(s => s.Start);
        var end = spans.Max(s => s.Start + s.Duration);
        var errors = spans.Count(s => s.Status == ActivityStatusCode.Error);
        return new TraceSummary(
            traceId, root.Name, start, end - start, errors > 0 ? ActivityStatusCode.Error : root.Status, spans.Count, errors);
    }

    internal static string FormatDuration(TimeSpan duration) => duration.TotalMilliseconds < 1
        ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMicroseconds:0}µs")
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.0}ms");
}
