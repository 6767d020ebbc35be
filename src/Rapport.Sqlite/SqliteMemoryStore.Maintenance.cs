using Microsoft.Data.Sqlite;
using Rapport.Memory;
using Rapport.Sqlite.Internal;
using Rapport.Storage;

namespace Rapport.Sqlite;

public sealed partial class SqliteMemoryStore
{
    /// <inheritdoc />
    public Task<long> ForgetUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        MemoryIds.ValidateUserId(userId);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Connect();
        using var gate = EnterWrite();
        using var transaction = SqliteWrite.Begin(connection);
        long removed = 0;
        foreach (var table in (string[])["interventions", "reflections", "profiles"])
        {
            // Expired rows go too: forgetting a user leaves nothing of them in the file.
            using var delete = SqliteValues.Command(connection, $"DELETE FROM {table} WHERE user_id = $user", transaction);
            delete.Parameters.AddWithValue("$user", userId);
            removed += delete.ExecuteNonQuery();
        }

        // Removing the version row makes every process's cached snapshot of this user stale (its version was > 0); moving the
        // file-wide sequence makes every process's store-wide aggregates stale (AggregateCache).
        using (var version = SqliteValues.Command(connection, "DELETE FROM user_versions WHERE user_id = $user; UPDATE write_sequence SET value = value + 1 WHERE id = 1;", transaction))
        {
            version.Parameters.AddWithValue("$user", userId);
            version.ExecuteNonQuery();
        }

        transaction.Commit();
        _vectors.Invalidate(userId);
        _records.Invalidate(userId);
        if (!Checkpoint(connection, CheckpointWait))
        {
            throw new MemoryStoreException(
                $"Forgot {removed} record(s), but another process kept reading an older copy of the file for {CheckpointWait.TotalSeconds:0} s, " +
                "so the deleted rows stay in it until a later checkpoint: run forget again when it is done.");
        }

        return Task.FromResult(removed);
    }

    /// <inheritdoc />
    /// <remarks>Store-wide figures are kept until the store changes or a live record expires (<see cref="AggregateCache"/>).</remarks>
    public Task<MemoryStats> GetStatsAsync(string? userId = null, CancellationToken cancellationToken = default)
    {
        if (userId is not null)
        {
            MemoryIds.ValidateUserId(userId);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (userId is null)
        {
            return Task.FromResult(Aggregate("stats", connection => ReadStats(connection, null)));
        }

        using var connection = Connect();
        return Task.FromResult(ReadStats(connection, userId));
    }

    private MemoryStats ReadStats(SqliteConnection connection, string? userId)
    {
        // "+expires_at" keeps the planner off the expiry index, where nearly every row is live: it would fetch each row (and
        // its 1.5 KB vector) instead of reading a covering index (measured on 100,000 interventions: 420 ms against 19 ms).
        var userFilter = userId is null ? "" : " AND user_id = $user";
        using var command = SqliteValues.Command(
            connection,
            $"""
            SELECT
              (SELECT count(*) FROM (
                  SELECT user_id FROM interventions WHERE +expires_at > $now{userFilter}
                  UNION SELECT user_id FROM reflections WHERE expires_at > $now{userFilter}
                  UNION SELECT user_id FROM profiles WHERE expires_at > $now{userFilter})),
              (SELECT count(*) FROM interventions WHERE expires_at > $now{userFilter}),
              (SELECT count(*) FROM interventions WHERE outcome = 1 AND +expires_at > $now{userFilter}),
              (SELECT count(*) FROM interventions WHERE outcome = 2 AND +expires_at > $now{userFilter}),
              (SELECT count(*) FROM reflections WHERE expires_at > $now{userFilter}),
              (SELECT count(*) FROM profiles WHERE expires_at > $now{userFilter})
            """);
        command.Parameters.AddWithValue("$now", Now);
        if (userId is not null)
        {
            command.Parameters.AddWithValue("$user", userId);
        }

        using var r = command.ExecuteReader();
        r.Read();
        return new MemoryStats
        {
            UserId = userId,
            Users = r.GetInt64(0),
            Interventions = r.GetInt64(1),
            Helped = r.GetInt64(2),
            NotHelped = r.GetInt64(3),
            Reflections = r.GetInt64(4),
            Profiles = r.GetInt64(5),
        };
    }

    /// <inheritdoc />
    /// <remarks>Deletes every expired row (secure_delete overwrites them), then checkpoints so the WAL holds no copy either.</remarks>
    public Task<long> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Connect();
        return Task.FromResult(PurgeExpired(connection, limit: null));
    }

    /// <summary>Deletes expired rows, at most <paramref name="limit"/> per table when given; returns how many.</summary>
    private long PurgeExpired(SqliteConnection connection, int? limit)
    {
        using var gate = EnterWrite();
        using var transaction = SqliteWrite.Begin(connection);
        long removed = 0;
        var bound = limit is null ? "" : $" AND rowid IN (SELECT rowid FROM {{0}} WHERE expires_at <= $now LIMIT {limit.Value})";
        foreach (var table in (string[])["interventions", "reflections", "profiles"])
        {
            using var delete = SqliteValues.Command(connection, $"DELETE FROM {table} WHERE expires_at <= $now" + string.Format(System.Globalization.CultureInfo.InvariantCulture, bound, table), transaction);
            delete.Parameters.AddWithValue("$now", Now);
            removed += delete.ExecuteNonQuery();
        }

        // A user with nothing left keeps no version row either (it holds the id); as after a forget, every cached snapshot of
        // that user turns stale.
        var gone = new List<string>();
        if (removed > 0)
        {
            using var versions = SqliteValues.Command(connection, """
                DELETE FROM user_versions WHERE user_id NOT IN
                    (SELECT user_id FROM interventions UNION SELECT user_id FROM reflections UNION SELECT user_id FROM profiles)
                RETURNING user_id
                """, transaction);
            using var reader = versions.ExecuteReader();
            while (reader.Read())
            {
                gone.Add(reader.GetString(0));
            }
        }

        transaction.Commit();
        foreach (var user in gone)
        {
            _vectors.Invalidate(user);
            _records.Invalidate(user);
        }

        // Expired records are never served, but their text must not outlive the purge in this process either.
        _records.DropExpired(_time.GetUtcNow());

        if (removed > 0)
        {
            // The purge on open (limit given) must not hold up the command it opens for; the next forget or purge finishes it.
            _ = Checkpoint(connection, limit is null ? CheckpointWait : TimeSpan.Zero);
        }

        return removed;
    }

    /// <summary>At open: deletes a bounded batch of expired rows, so a short-lived host (the CLI) removes them too without a
    /// long pause; a backlog larger than the batch goes over the next opens. A busy file is left for later.</summary>
    private void PurgeOnOpen()
    {
        using var connection = Connect();
        using (var any = SqliteValues.Command(connection, """
            SELECT EXISTS (SELECT 1 FROM interventions WHERE expires_at <= $now)
                OR EXISTS (SELECT 1 FROM reflections WHERE expires_at <= $now)
                OR EXISTS (SELECT 1 FROM profiles WHERE expires_at <= $now)
            """))
        {
            any.Parameters.AddWithValue("$now", Now);
            if ((long)any.ExecuteScalar()! == 0)
            {
                return;
            }
        }

        // Bounded in time too: wait at most a second for another process's write lock, rather than the usual 30.
        connection.DefaultTimeout = 1;

        try
        {
            PurgeExpired(connection, limit: PurgeOnOpenBatch);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6 or 8)
        {
            // Busy, locked or read-only: this open still serves reads; the next purge gets the rows.
        }
    }

    /// <summary>The most rows per table one open purges.</summary>
    internal const int PurgeOnOpenBatch = 2_000;

    /// <summary>How long a forget or a purge waits for readers of an older snapshot before its checkpoint gives up.</summary>
    internal static readonly TimeSpan CheckpointWait = TimeSpan.FromSeconds(5);

    // Deleted rows can linger in the WAL file until a checkpoint; after a forget or a purge, fold it into the database now.
    // A reader still on an older snapshot (another process mid-recall) makes the checkpoint stop short without an error (its
    // first column, busy, is 1) and the deleted rows stay readable in the database file: wait for it briefly and try again.
    // Returns whether the checkpoint completed. (Stopwatch, not the store's TimeProvider: this bounds a real wait.)
    private static bool Checkpoint(SqliteConnection connection, TimeSpan wait)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            using var command = SqliteValues.Command(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
            using (var reader = command.ExecuteReader())
            {
                if (!reader.Read() || reader.GetInt64(0) == 0)
                {
                    return true;
                }
            }

            if (System.Diagnostics.Stopwatch.GetElapsedTime(start) >= wait)
            {
                return false;
            }

            Thread.Sleep(20);
        }
    }
}
