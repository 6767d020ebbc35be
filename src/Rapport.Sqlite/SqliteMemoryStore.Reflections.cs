using Microsoft.Data.Sqlite;
using Rapport.Memory;
using Rapport.Sqlite.Internal;
using Rapport.Storage;

namespace Rapport.Sqlite;

public sealed partial class SqliteMemoryStore
{
    /// <inheritdoc />
    public Task AddReflectionAsync(SessionReflection reflection, CancellationToken cancellationToken = default)
    {
        MemoryRecordValidator.Validate(reflection);
        cancellationToken.ThrowIfCancellationRequested();
        return _writes.RunAsync(batch =>
        {
            AddReflection(batch, reflection);
            return true;
        });
    }

    private void AddReflection(SqliteGroupCommit.Batch batch, SessionReflection reflection)
    {
        var (connection, transaction) = (batch.Connection, batch.Transaction);
        using var insert = SqliteValues.Command(
            connection,
            "INSERT INTO reflections (id, user_id, session_id, created_at, summary, insights, intervention_count, helped_count, " +
            "not_helped_count, expires_at) VALUES ($id, $user, $session, $created, $summary, $insights, $count, $helped, $not_helped, $expires)",
            transaction);
        insert.Parameters.AddWithValue("$id", reflection.Id);
        insert.Parameters.AddWithValue("$user", reflection.UserId);
        insert.Parameters.AddWithValue("$session", reflection.SessionId);
        insert.Parameters.AddWithValue("$created", SqliteValues.Ticks(reflection.CreatedAt));
        insert.Parameters.AddWithValue("$summary", reflection.Summary);
        insert.Parameters.AddWithValue("$insights", SqliteJson.Write(reflection.Insights));
        insert.Parameters.AddWithValue("$count", reflection.InterventionCount);
        insert.Parameters.AddWithValue("$helped", reflection.HelpedCount);
        insert.Parameters.AddWithValue("$not_helped", reflection.NotHelpedCount);
        insert.Parameters.AddWithValue("$expires", SqliteValues.Ticks(reflection.ExpiresAt));
        try
        {
            insert.ExecuteNonQuery();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            throw new ArgumentException($"A reflection with id '{reflection.Id}' already exists.", nameof(reflection), ex);
        }

        var (previous, current) = BumpVersion(connection, transaction, reflection.UserId);
        // A search does not read reflections: the cached vectors stay valid.
        batch.OnCommitted(() =>
        {
            _vectors.Advance(reflection.UserId, previous, current);
            _records.Advance(reflection.UserId, previous, current);
        });
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SessionReflection>> ListReflectionsAsync(string userId, int limit = 20, CancellationToken cancellationToken = default)
    {
        MemoryIds.ValidateUserId(userId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Connect();
        using var command = SqliteValues.Command(
            connection,
            "SELECT id, user_id, session_id, created_at, summary, insights, intervention_count, helped_count, not_helped_count, expires_at " +
            "FROM reflections WHERE user_id = $user AND expires_at > $now ORDER BY created_at DESC, id LIMIT $limit");
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$now", Now);
        command.Parameters.AddWithValue("$limit", limit);
        using var r = command.ExecuteReader();
        var list = new List<SessionReflection>();
        while (r.Read())
        {
            list.Add(new SessionReflection
            {
                Id = r.GetString(0),
                UserId = r.GetString(1),
                SessionId = r.GetString(2),
                CreatedAt = SqliteValues.Instant(r.GetInt64(3)),
                Summary = r.GetString(4),
                Insights = SqliteJson.ReadList(r.GetString(5)),
                InterventionCount = r.GetInt32(6),
                HelpedCount = r.GetInt32(7),
                NotHelpedCount = r.GetInt32(8),
                ExpiresAt = SqliteValues.Instant(r.GetInt64(9)),
            });
        }

        return Task.FromResult<IReadOnlyList<SessionReflection>>(list);
    }
}
