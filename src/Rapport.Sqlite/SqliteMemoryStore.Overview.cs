using Rapport.Memory;
using Rapport.Sqlite.Internal;
using Rapport.Storage;

namespace Rapport.Sqlite;

public sealed partial class SqliteMemoryStore : IMemoryOverview
{
    private const long TicksPerDay = TimeSpan.TicksPerDay;

    /// <inheritdoc />
    /// <remarks>One scan of the covering index <c>ix_interventions_activity</c> ("+expires_at" keeps the planner off the expiry index); no text is read.</remarks>
    public Task<MemoryOverview> GetOverviewAsync(DateTimeOffset since, double lowQualityBelow, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Connect();
        // One pass over the covering index, aggregated here: two GROUP BYs cost two sorts of every row.
        using var command = SqliteValues.Command(connection, "SELECT created_at, kind, outcome, quality FROM interventions WHERE +expires_at > $now");
        command.Parameters.AddWithValue("$now", Now);
        var from = SqliteValues.Ticks(since);
        var days = new SortedDictionary<long, (long Recorded, long Helped, long NotHelped, double QualitySum, long Scored)>();
        var kinds = new Dictionary<string, KindOutcomeCounts>(StringComparer.Ordinal);
        var histogram = new long[MemoryOverview.QualityBuckets];
        long unscored = 0, low = 0;
        using (var r = command.ExecuteReader())
        {
            while (r.Read())
            {
                var created = r.GetInt64(0);
                var kind = r.GetString(1);
                var outcome = (InterventionOutcome)r.GetInt32(2);
                double? quality = r.IsDBNull(3) ? null : r.GetDouble(3);
                var helped = outcome == InterventionOutcome.Helped ? 1 : 0;
                var notHelped = outcome == InterventionOutcome.NotHelped ? 1 : 0;
                var counts = kinds.GetValueOrDefault(kind);
                kinds[kind] = new KindOutcomeCounts(counts.Total + 1, counts.Helped + helped, counts.NotHelped + notHelped);
                if (quality is { } q)
                {
                    histogram[Math.Clamp((int)(q * MemoryOverview.QualityBuckets), 0, MemoryOverview.QualityBuckets - 1)]++;
                    low += q < lowQualityBelow ? 1 : 0;
                }
                else
                {
                    unscored++;
                }

                if (created >= from)
                {
                    var day = days.GetValueOrDefault(created / TicksPerDay);
                    days[created / TicksPerDay] = (day.Recorded + 1, day.Helped + helped, day.NotHelped + notHelped, day.QualitySum + (quality ?? 0), day.Scored + (quality is null ? 0 : 1));
                }
            }
        }

        return Task.FromResult(new MemoryOverview
        {
            Days = [.. days.Select(d => new DailyActivity(DateOnly.FromDayNumber((int)d.Key), d.Value.Recorded, d.Value.Helped, d.Value.NotHelped,
                d.Value.Scored > 0 ? d.Value.QualitySum / d.Value.Scored : null))],
            Kinds = kinds, QualityHistogram = histogram, Unscored = unscored, LowQuality = low,
        });
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
            FROM interventions WHERE +expires_at > $now {(string.IsNullOrEmpty(prefix) ? "" : "AND user_id >= $prefix AND user_id < $end")}
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
                FROM interventions WHERE +expires_at > $now AND session_id IS NOT NULL GROUP BY user_id, session_id),
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
