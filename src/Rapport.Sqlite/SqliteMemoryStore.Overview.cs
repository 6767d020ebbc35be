using System.Globalization;
using Microsoft.Data.Sqlite;
using Rapport.Memory;
using Rapport.Sqlite.Internal;
using Rapport.Storage;

namespace Rapport.Sqlite;

public sealed partial class SqliteMemoryStore : IMemoryOverview
{
    /// <inheritdoc />
    /// <remarks>One scan of the covering index <c>ix_interventions_activity</c> ("+expires_at" keeps the planner off the expiry index); no text
    /// is read. The result is kept until the store changes or a live record expires (<see cref="AggregateCache"/>).</remarks>
    public Task<MemoryOverview> GetOverviewAsync(DateTimeOffset since, double lowQualityBelow, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = string.Create(CultureInfo.InvariantCulture, $"overview {since.UtcTicks} {lowQualityBelow:R}");
        return Task.FromResult(Aggregate(key, connection =>
        {
            // One pass over the covering index, aggregated here: two GROUP BYs cost two sorts of every row.
            using var command = SqliteValues.Command(connection, "SELECT created_at, kind, outcome, quality FROM interventions WHERE +expires_at > $now");
            command.Parameters.AddWithValue("$now", Now);
            var builder = new MemoryOverviewBuilder(since, lowQualityBelow);
            var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
            using var r = command.ExecuteReader();
            while (r.Read())
            {
                // A handful of kinds over many rows: reuse one string per kind.
                var kind = r.GetString(1);
                kind = kinds.TryGetValue(kind, out var known) ? known : kinds[kind] = kind;
                builder.Add(r.GetInt64(0), kind, (InterventionOutcome)r.GetInt32(2), r.IsDBNull(3) ? null : r.GetDouble(3));
            }

            return builder.Build();
        }));
    }

    /// <inheritdoc />
    /// <remarks>Kept until the store changes or a live record expires, per prefix and limit (<see cref="AggregateCache"/>).</remarks>
    public Task<IReadOnlyList<UserSummary>> ListUsersAsync(string? prefix, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 10_000);
        cancellationToken.ThrowIfCancellationRequested();
        var key = string.Create(CultureInfo.InvariantCulture, $"users {limit} {prefix}");
        return Task.FromResult(Aggregate<IReadOnlyList<UserSummary>>(key, connection =>
        {
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

            return users;
        }));
    }

    /// <inheritdoc />
    /// <remarks>A user's sessions are ordered by their first intervention, then by session id (ordinal) when two start at the same
    /// tick. Kept until the store changes or a live record expires (<see cref="AggregateCache"/>).</remarks>
    public Task<IReadOnlyList<SessionIndexRate>> GetSessionCurveAsync(int maxSessions, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSessions, 1);
        cancellationToken.ThrowIfCancellationRequested();
        var key = string.Create(CultureInfo.InvariantCulture, $"sessions {maxSessions}");
        return Task.FromResult(Aggregate<IReadOnlyList<SessionIndexRate>>(key, connection =>
        {
            using var command = SqliteValues.Command(connection, """
                WITH s AS (
                    SELECT user_id, session_id, min(created_at) AS started, sum(outcome = 1) AS helped, sum(outcome = 2) AS not_helped
                    FROM interventions WHERE +expires_at > $now AND session_id IS NOT NULL GROUP BY user_id, session_id),
                n AS (SELECT row_number() OVER (PARTITION BY user_id ORDER BY started, session_id) AS idx, helped, not_helped FROM s)
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

            return rates;
        }));
    }

    /// <summary>Returns the cached aggregate for <paramref name="key"/>, or computes and keeps it: the change marks are read first, so a
    /// write during the computation leaves the entry older than its data, never newer.</summary>
    private T Aggregate<T>(string key, Func<SqliteConnection, T> compute)
        where T : class
    {
        using var connection = Connect();
        var now = Now;
        using var marks = SqliteValues.Command(connection, """
            SELECT (SELECT value FROM write_sequence WHERE id = 1), min(
                coalesce((SELECT min(expires_at) FROM interventions WHERE expires_at > $now), 9223372036854775807),
                coalesce((SELECT min(expires_at) FROM reflections WHERE expires_at > $now), 9223372036854775807),
                coalesce((SELECT min(expires_at) FROM profiles WHERE expires_at > $now), 9223372036854775807))
            """);
        marks.Parameters.AddWithValue("$now", now);
        long sequence, nextExpiry;
        using (var r = marks.ExecuteReader())
        {
            r.Read();
            (sequence, nextExpiry) = (r.GetInt64(0), r.GetInt64(1));
        }

        if (_aggregates.TryGet(key, sequence, now, out T cached))
        {
            return cached;
        }

        var value = compute(connection);
        _aggregates.Set(key, sequence, nextExpiry, value);
        return value;
    }
}
