using Rapport.Memory;
using Rapport.Recording;
using Rapport.Sqlite.Internal;
using Rapport.Storage;

namespace Rapport.Sqlite;

public sealed partial class SqliteMemoryStore : IMemoryOverview
{
    private const long TicksPerDay = TimeSpan.TicksPerDay;

    /// <inheritdoc />
    /// <remarks>Aggregate queries over live interventions; nothing of any user's text is read.</remarks>
    public Task<MemoryOverview> GetOverviewAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Connect();
        var days = new List<DailyActivity>();
        using (var command = SqliteValues.Command(connection, """
            SELECT created_at / $day, count(*), sum(outcome = 1), sum(outcome = 2), avg(quality)
            FROM interventions WHERE expires_at > $now AND created_at >= $since GROUP BY 1 ORDER BY 1
            """))
        {
            command.Parameters.AddWithValue("$day", TicksPerDay);
            command.Parameters.AddWithValue("$now", Now);
            command.Parameters.AddWithValue("$since", SqliteValues.Ticks(since));
            using var r = command.ExecuteReader();
            while (r.Read())
            {
                days.Add(new DailyActivity(DateOnly.FromDayNumber((int)r.GetInt64(0)), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.IsDBNull(4) ? null : r.GetDouble(4)));
            }
        }

        var kinds = new Dictionary<string, KindOutcomeCounts>(StringComparer.Ordinal);
        var histogram = new long[MemoryOverview.QualityBuckets];
        long unscored = 0, low = 0;
        using (var command = SqliteValues.Command(connection, """
            SELECT kind, min(CAST(quality * 10 AS INTEGER), 9), count(*), sum(outcome = 1), sum(outcome = 2), sum(instr(metadata, $low) > 0)
            FROM interventions WHERE expires_at > $now GROUP BY 1, 2
            """))
        {
            command.Parameters.AddWithValue("$now", Now);
            command.Parameters.AddWithValue("$low", $"\"{RecordingOptions.LowQualityKey}\"");
            using var r = command.ExecuteReader();
            while (r.Read())
            {
                var count = r.GetInt64(2);
                var kind = r.GetString(0);
                var previous = kinds.GetValueOrDefault(kind);
                kinds[kind] = new KindOutcomeCounts(previous.Total + (int)count, previous.Helped + r.GetInt32(3), previous.NotHelped + r.GetInt32(4));
                low += r.GetInt64(5);
                if (r.IsDBNull(1))
                {
                    unscored += count;
                }
                else
                {
                    histogram[Math.Clamp(r.GetInt32(1), 0, MemoryOverview.QualityBuckets - 1)] += count;
                }
            }
        }

        return Task.FromResult(new MemoryOverview { Days = days, Kinds = kinds, QualityHistogram = histogram, Unscored = unscored, LowQuality = low });
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<UserSummary>> ListUsersAsync(string? prefix, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 10_000);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Connect();
        // The prefix is a range on the user index (never a LIKE pattern: ids may contain % and _).
        using var command = SqliteValues.Command(connection, $"""
            SELECT user_id, count(*), sum(outcome = 1), sum(outcome = 2), max(created_at)
            FROM interventions WHERE expires_at > $now {(string.IsNullOrEmpty(prefix) ? "" : "AND user_id >= $prefix AND user_id < $end")}
            GROUP BY user_id ORDER BY 5 DESC, 1 LIMIT $limit
            """);
        command.Parameters.AddWithValue("$now", Now);
        command.Parameters.AddWithValue("$limit", limit);
        if (!string.IsNullOrEmpty(prefix))
        {
            command.Parameters.AddWithValue("$prefix", prefix);
            command.Parameters.AddWithValue("$end", prefix + char.MaxValue);
        }

        var users = new List<UserSummary>();
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            users.Add(new UserSummary(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), SqliteValues.Instant(r.GetInt64(4))));
        }

        return Task.FromResult<IReadOnlyList<UserSummary>>(users);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SessionIndexRate>> GetSessionCurveAsync(int maxSessions, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSessions, 1);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Connect();
        using var command = SqliteValues.Command(connection, """
            WITH s AS (
                SELECT user_id, min(created_at) AS started, sum(outcome = 1) AS helped, sum(outcome = 2) AS not_helped
                FROM interventions WHERE expires_at > $now AND session_id IS NOT NULL GROUP BY user_id, session_id),
            n AS (SELECT row_number() OVER (PARTITION BY user_id ORDER BY started) AS idx, helped, not_helped FROM s)
            SELECT idx, count(*), sum(helped), sum(not_helped) FROM n WHERE idx <= $max GROUP BY idx ORDER BY idx
            """);
        command.Parameters.AddWithValue("$now", Now);
        command.Parameters.AddWithValue("$max", maxSessions);
        var rates = new List<SessionIndexRate>();
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            rates.Add(new SessionIndexRate(r.GetInt32(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)));
        }

        return Task.FromResult<IReadOnlyList<SessionIndexRate>>(rates);
    }
}
