using Rapport.Telemetry;

namespace Rapport.OpenTelemetry.LocalTraces;

/// <summary>Aggregates over live spans, for health pages: durations per span name.</summary>
public sealed partial class LocalTraceStore
{
    /// <summary>Returns, per span name, how many live spans started since <paramref name="since"/>, their failures and duration percentiles.</summary>
    public async Task<IReadOnlyList<SpanStats>> GetSpanStatsAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        // Durations sorted per name in SQL; percentiles picked here (one pass, no per-name query).
        command.CommandText = $"""
            SELECT name, duration_us, status = 2, json_extract(attributes, '$."{RapportTelemetryNames.ContextTokens}"')
            FROM spans WHERE expires_at_us > $now AND start_us >= $since ORDER BY name, duration_us;
            """;
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
