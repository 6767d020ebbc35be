using Rapport.Memory;
using Rapport.Sqlite.Internal;
using Rapport.Storage;

namespace Rapport.Sqlite;

public sealed partial class SqliteMemoryStore
{
    /// <inheritdoc />
    public Task<UserProfile> GetProfileAsync(string userId, CancellationToken cancellationToken = default)
    {
        MemoryIds.ValidateUserId(userId);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Connect();
        var profile = new UserProfile { UserId = userId };
        using (var stored = SqliteValues.Command(
            connection, "SELECT preferences, facts, updated_at, expires_at FROM profiles WHERE user_id = $user AND expires_at > $now"))
        {
            stored.Parameters.AddWithValue("$user", userId);
            stored.Parameters.AddWithValue("$now", Now);
            using var r = stored.ExecuteReader();
            if (r.Read())
            {
                profile = profile with
                {
                    Preferences = SqliteJson.ReadMap(r.GetString(0)),
                    Facts = SqliteJson.ReadList(r.GetString(1)),
                    UpdatedAt = SqliteValues.Instant(r.GetInt64(2)),
                    ExpiresAt = SqliteValues.Instant(r.GetInt64(3)),
                };
            }
        }

        var kinds = new Dictionary<string, KindOutcomeCounts>(StringComparer.Ordinal);
        using (var counts = SqliteValues.Command(
            connection,
            "SELECT kind, count(*), sum(outcome = 1), sum(outcome = 2) FROM interventions " +
            "WHERE user_id = $user AND expires_at > $now GROUP BY kind ORDER BY kind"))
        {
            counts.Parameters.AddWithValue("$user", userId);
            counts.Parameters.AddWithValue("$now", Now);
            using var r = counts.ExecuteReader();
            while (r.Read())
            {
                kinds[r.GetString(0)] = new KindOutcomeCounts(r.GetInt32(1), r.GetInt32(2), r.GetInt32(3));
            }
        }

        using var last = SqliteValues.Command(
            connection,
            """
            SELECT max(t) FROM (
                SELECT max(max(created_at, coalesce(outcome_at, 0))) AS t FROM interventions WHERE user_id = $user AND expires_at > $now
                UNION ALL SELECT max(created_at) FROM reflections WHERE user_id = $user AND expires_at > $now
                UNION ALL SELECT max(updated_at) FROM profiles WHERE user_id = $user AND expires_at > $now)
            """);
        last.Parameters.AddWithValue("$user", userId);
        last.Parameters.AddWithValue("$now", Now);
        var lastActivity = last.ExecuteScalar() is long ticks ? SqliteValues.Instant(ticks) : (DateTimeOffset?)null;
        return Task.FromResult(profile with { KindOutcomes = kinds, LastActivity = lastActivity });
    }

    /// <inheritdoc />
    public Task SaveProfileAsync(UserProfile profile, CancellationToken cancellationToken = default)
    {
        MemoryRecordValidator.Validate(profile);
        cancellationToken.ThrowIfCancellationRequested();
        return _writes.RunAsync(batch =>
        {
            SaveProfile(batch, profile);
            return true;
        });
    }

    private void SaveProfile(SqliteGroupCommit.Batch batch, UserProfile profile)
    {
        var (connection, transaction) = (batch.Connection, batch.Transaction);
        using var upsert = SqliteValues.Command(
            connection,
            "INSERT INTO profiles (user_id, preferences, facts, updated_at, expires_at) VALUES ($user, $prefs, $facts, $updated, $expires) " +
            "ON CONFLICT (user_id) DO UPDATE SET preferences = excluded.preferences, facts = excluded.facts, " +
            "updated_at = excluded.updated_at, expires_at = excluded.expires_at",
            transaction);
        upsert.Parameters.AddWithValue("$user", profile.UserId);
        upsert.Parameters.AddWithValue("$prefs", SqliteJson.Write(profile.Preferences));
        upsert.Parameters.AddWithValue("$facts", SqliteJson.Write(profile.Facts));
        upsert.Parameters.AddWithValue("$updated", SqliteValues.Ticks(profile.UpdatedAt ?? _time.GetUtcNow()));
        upsert.Parameters.AddWithValue("$expires", SqliteValues.Ticks(profile.ExpiresAt!.Value));
        upsert.ExecuteNonQuery();
        var (previous, current) = BumpVersion(connection, transaction, profile.UserId);
        // A search does not read profiles: the cached vectors stay valid.
        batch.OnCommitted(() =>
        {
            _vectors.Advance(profile.UserId, previous, current);
            _records.Advance(profile.UserId, previous, current);
        });
    }
}
