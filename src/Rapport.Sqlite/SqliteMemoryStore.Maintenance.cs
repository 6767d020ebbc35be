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
        using var transaction = connection.BeginTransaction(deferred: false);
        long removed = 0;
        foreach (var table in (string[])["interventions", "reflections", "profiles"])
        {
            // Expired rows go too: forgetting a user leaves nothing of them in the file.
            using var delete = SqliteValues.Command(connection, $"DELETE FROM {table} WHERE user_id = $user", transaction);
            delete.Parameters.AddWithValue("$user", userId);
            removed += delete.ExecuteNonQuery();
        }

        // Removing the version row makes every process's cached snapshot of this user stale (its version was > 0).
        using (var version = SqliteValues.Command(connection, "DELETE FROM user_versions WHERE user_id = $user", transaction))
        {
            version.Parameters.AddWithValue("$user", userId);
            version.ExecuteNonQuery();
        }

        transaction.Commit();
        _vectors.Invalidate(userId);
        Checkpoint(connection);
        return Task.FromResult(removed);
    }

    /// <inheritdoc />
    public Task<MemoryStats> GetStatsAsync(string? userId = null, CancellationToken cancellationToken = default)
    {
        if (userId is not null)
        {
            MemoryIds.ValidateUserId(userId);
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Connect();
        var userFilter = userId is null ? "" : " AND user_id = $user";
        using var command = SqliteValues.Command(
            connection,
            $"""
            SELECT
              (SELECT count(*) FROM (
                  SELECT user_id FROM interventions WHERE expires_at > $now{userFilter}
                  UNION SELECT user_id FROM reflections WHERE expires_at > $now{userFilter}
                  UNION SELECT user_id FROM profiles WHERE expires_at > $now{userFilter})),
              (SELECT count(*) FROM interventions WHERE expires_at > $now{userFilter}),
              (SELECT count(*) FROM interventions WHERE outcome = 1 AND expires_at > $now{userFilter}),
              (SELECT count(*) FROM interventions WHERE outcome = 2 AND expires_at > $now{userFilter}),
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
        return Task.FromResult(new MemoryStats
        {
            UserId = userId,
            Users = r.GetInt64(0),
            Interventions = r.GetInt64(1),
            Helped = r.GetInt64(2),
            NotHelped = r.GetInt64(3),
            Reflections = r.GetInt64(4),
            Profiles = r.GetInt64(5),
        });
    }

    /// <inheritdoc />
    public Task<long> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Connect();
        using var gate = EnterWrite();
        using var transaction = connection.BeginTransaction(deferred: false);
        long removed = 0;
        foreach (var table in (string[])["interventions", "reflections", "profiles"])
        {
            using var delete = SqliteValues.Command(connection, $"DELETE FROM {table} WHERE expires_at <= $now", transaction);
            delete.Parameters.AddWithValue("$now", Now);
            removed += delete.ExecuteNonQuery();
        }

        transaction.Commit();
        return Task.FromResult(removed);
    }

    // Deleted rows can linger in the WAL file until a checkpoint; after a forget, fold it into the database now.
    private static void Checkpoint(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        using var command = SqliteValues.Command(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        command.ExecuteNonQuery();
    }
}
