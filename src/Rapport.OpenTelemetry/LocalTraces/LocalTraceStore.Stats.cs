using Rapport.Telemetry;

namespace Rapport.OpenTelemetry.LocalTraces;

/// <summary>Aggregates over live spans, for health pages: durations per span name.</summary>
public sealed partial class LocalTraceStore
{
    /// <summary>Returns, per span name, how many of the newest live spans started since <paramref name="since"/>, their failures and duration percentiles.</summary>
    /// <param name="since">The earliest start counted.</param>
    /// <param name="maxSpans">The most spans read, newest first.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    public async Task<IReadOnlyList<SpanStats>> GetSpanStatsAsync(DateTimeOffset since, int maxSpans = 10_000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSpans, 1);
        using var connection = Connect();
        using var command = connection.CreateCommand();
        // Durations sorted per name in SQL; percentiles picked here (one pass, no per-name query).
        // The newest spans only (by the start index), so the cost is bounded however many spans are kept.
        // Everything read comes from the covering index spans_latency (the context size is a column since schema version 2).
        command.CommandText = $"""
            SELECT name, duration_us, status = 2, CASE WHEN name = '{RapportTelemetryNames.ContextBuildSpan}' THEN tokens END
            FROM (SELECT name, duration_us, status, tokens FROM spans WHERE start_us >= $since AND expires_at_us > $now ORDER BY start_us DESC LIMIT $max)
            ORDER BY name, duration_us;
            """;
        command.Parameters.AddWithValue("$max", maxSpans);
        command.Parameters.AddWithValue("$now", NowUs());
        command.Parameters.AddWithValue("$since", ToUs(since));
        var stats = new List<SpanStats>();
        var durations = new List<long>();
        string? current = null;
        long errors = 0, tokens = 0, tokenSpans = 0;
        void Flush()
        {
            if (current is not null && durations.Count > 0)
            {
                stats.Add(new SpanStats(current, durations.Count, errors, Percentile(durations, 0.5), Percentile(durations, 0.95),
                    tokenSpans > 0 ? (double)tokens / tokenSpans : null));
            }

            durations.Clear();
            errors = tokens = tokenSpans = 0;
        }

        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var name = reader.GetString(0);
                if (name != current)
                {
                    Flush();
                    current = name;
                }

                durations.Add(reader.GetInt64(1));
                errors += reader.GetInt64(2);
                if (!reader.IsDBNull(3))
                {
                    tokens += reader.GetInt64(3);
                    tokenSpans++;
                }
            }
        }

        Flush();
        return stats;
    }

    private static TimeSpan Percentile(List<long> sorted, double p) =>
        TimeSpan.FromMicroseconds(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)]);
}
