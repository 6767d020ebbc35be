using Microsoft.Data.Sqlite;
using Rapport.Memory;
using Rapport.Search;
using Rapport.Sqlite.Internal;
using Rapport.Storage;

namespace Rapport.Sqlite;

public sealed partial class SqliteMemoryStore
{
    /// <inheritdoc />
    public Task RecordAsync(IReadOnlyList<Intervention> interventions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interventions);
        foreach (var intervention in interventions)
        {
            MemoryRecordValidator.Validate(intervention);
        }

        if (interventions.Count == 0)
        {
            return Task.CompletedTask;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return _writes.RunAsync(batch =>
        {
            Record(batch, interventions);
            return true;
        });
    }

    private void Record(SqliteGroupCommit.Batch batch, IReadOnlyList<Intervention> interventions)
    {
        var (connection, transaction) = (batch.Connection, batch.Transaction);

        // Versions first: each row carries its user's new version as its sequence number (the change feed).
        var versions = new Dictionary<string, (long Previous, long Current)>(StringComparer.Ordinal);
        foreach (var intervention in interventions)
        {
            if (!versions.ContainsKey(intervention.UserId))
            {
                versions[intervention.UserId] = BumpVersion(connection, transaction, intervention.UserId);
            }
        }

        using var insert = SqliteValues.Command(
            connection,
            $"INSERT INTO interventions ({InterventionColumns.Select}, seq) VALUES " +
            "($id, $user, $session, $created, $situation, $kind, $text, $tool, $outcome, $rating, $outcome_at, $scores, $quality, " +
            "$metadata, $embedding, $model, $expires, $seq)",
            transaction);
        var p = insert.Parameters;
        string[] names = ["$id", "$user", "$session", "$created", "$situation", "$kind", "$text", "$tool", "$outcome", "$rating",
            "$outcome_at", "$scores", "$quality", "$metadata", "$embedding", "$model", "$expires", "$seq"];
        foreach (var name in names)
        {
            p.Add(new SqliteParameter(name, null));
        }

        insert.Prepare();
        foreach (var i in interventions)
        {
            p[0].Value = i.Id;
            p[1].Value = i.UserId;
            p[2].Value = SqliteValues.OrNull(i.SessionId);
            p[3].Value = SqliteValues.Ticks(i.CreatedAt);
            p[4].Value = i.Situation;
            p[5].Value = i.Kind;
            p[6].Value = i.Text;
            p[7].Value = SqliteValues.OrNull(i.Tool);
            p[8].Value = (int)i.Outcome;
            p[9].Value = SqliteValues.OrNull(i.Rating);
            p[10].Value = i.OutcomeAt is { } at ? SqliteValues.Ticks(at) : DBNull.Value;
            p[11].Value = SqliteJson.Write(i.Scores);
            p[12].Value = SqliteValues.OrNull(i.Quality);
            p[13].Value = SqliteJson.Write(i.Metadata);
            p[14].Value = SqliteValues.Blob(i.Embedding);
            p[15].Value = i.EmbeddingModel;
            p[16].Value = SqliteValues.Ticks(i.ExpiresAt);
            p[17].Value = versions[i.UserId].Current;
            try
            {
                insert.ExecuteNonQuery();
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
            {
                // SQLITE_CONSTRAINT: the id exists. The write rolls back to its savepoint (or with its transaction): nothing of this call stays.
                throw new ArgumentException($"An intervention with id '{i.Id}' already exists.", nameof(interventions), ex);
            }
        }

        batch.OnCommitted(() =>
        {
            var now = _time.GetUtcNow();
            foreach (var (user, (previous, current)) in versions)
            {
                var added = interventions.Where(i => i.UserId == user).Select(i => VectorEntry.From(i, current)).ToList();
                _vectors.Advance(user, previous, current, set => set.WithAdded(added, now));
                _records.Advance(user, previous, current, [.. interventions.Where(i => i.UserId == user)]);
            }
        });
    }

    /// <inheritdoc />
    public Task<Intervention?> SetOutcomeAsync(string id, InterventionOutcome outcome, int? rating, CancellationToken cancellationToken = default)
    {
        MemoryRecordValidator.ValidateOutcomeUpdate(id, outcome, rating);
        cancellationToken.ThrowIfCancellationRequested();
        return _writes.RunAsync(batch => SetOutcome(batch, id, outcome, rating));
    }

    private Intervention? SetOutcome(SqliteGroupCommit.Batch batch, string id, InterventionOutcome outcome, int? rating)
    {
        var (connection, transaction) = (batch.Connection, batch.Transaction);
        using var update = SqliteValues.Command(
            connection,
            "UPDATE interventions SET outcome = $outcome, rating = $rating, outcome_at = $now " +
            "WHERE id = $id AND expires_at > $now RETURNING user_id",
            transaction);
        update.Parameters.AddWithValue("$outcome", (int)outcome);
        update.Parameters.AddWithValue("$rating", SqliteValues.OrNull(rating));
        update.Parameters.AddWithValue("$now", Now);
        update.Parameters.AddWithValue("$id", id);
        if (update.ExecuteScalar() is not string userId)
        {
            return null;
        }

        var (previous, current) = BumpVersion(connection, transaction, userId);
        Intervention updated;
        // The updated row comes back from the statement that stamps its sequence number: no second look-up of the row.
        using (var sequence = SqliteValues.Command(
            connection, $"UPDATE interventions SET seq = $seq WHERE id = $id RETURNING {InterventionColumns.Select}", transaction))
        {
            sequence.Parameters.AddWithValue("$seq", current);
            sequence.Parameters.AddWithValue("$id", id);
            using var reader = sequence.ExecuteReader();
            reader.Read();
            updated = InterventionColumns.Read(reader);
        }

        batch.OnCommitted(() =>
        {
            _vectors.Advance(userId, previous, current, set => set.WithOutcome(id, outcome));
            _records.Advance(userId, previous, current, [updated]);
        });
        return updated;
    }

    /// <inheritdoc />
    public Task<Intervention?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        MemoryIds.ValidateRecordId(id);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Connect();
        var found = ReadInterventions(connection, null, "id = $id", c => c.Parameters.AddWithValue("$id", id));
        return Task.FromResult(found.Count == 0 ? null : found[0]);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Intervention>> ListAsync(string userId, int limit = 100, CancellationToken cancellationToken = default)
    {
        MemoryIds.ValidateUserId(userId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Connect();
        // From the records cached at the user's version when they are all there (RecordCache), else read: the version first,
        // so what is cached is never older than the version it is cached under.
        var (version, _) = ReadVersion(connection, userId);
        if (version != 0 && _records.TryList(userId, version, limit, _time.GetUtcNow()) is { } cached)
        {
            return Task.FromResult<IReadOnlyList<Intervention>>(cached);
        }

        var list = ReadInterventions(
            connection,
            null,
            "user_id = $user ORDER BY created_at DESC, id LIMIT $limit",
            c =>
            {
                c.Parameters.AddWithValue("$user", userId);
                c.Parameters.AddWithValue("$limit", limit);
            });
        // Fewer rows than asked for: these are all of the user's live records.
        return Task.FromResult(version == 0 ? list : _records.Add(userId, version, list, complete: list.Count < limit));
    }

    private List<Intervention> ReadInterventions(
        SqliteConnection connection, SqliteWrite? transaction, string where, Action<SqliteCommand> bind)
    {
        // "where" is always a constant of this class; values are bound as parameters.
        using var command = SqliteValues.Command(
            connection,
            $"SELECT {InterventionColumns.Select} FROM interventions WHERE expires_at > $now AND {where}",
            transaction);
        command.Parameters.AddWithValue("$now", Now);
        bind(command);
        using var reader = command.ExecuteReader();
        var list = new List<Intervention>();
        while (reader.Read())
        {
            list.Add(InterventionColumns.Read(reader));
        }

        return list;
    }
}
