using Rapport.Memory;
using Rapport.Sqlite.Internal;
using Rapport.Storage;

namespace Rapport.Sqlite;

/// <summary>The store's embedder binding and re-embedding: which embedder new vectors must come from, and replacing old vectors.</summary>
public sealed partial class SqliteMemoryStore
{
    /// <inheritdoc />
    public Task<string?> GetEmbedderAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Connect();
        using var command = SqliteValues.Command(connection, "SELECT value FROM store_settings WHERE name = 'embedder'");
        return Task.FromResult(command.ExecuteScalar() as string);
    }

    /// <inheritdoc />
    public Task<string> BindEmbedderAsync(string model, bool replace = false, CancellationToken cancellationToken = default)
    {
        MemoryRecordValidator.ValidateEmbedderName(model, nameof(model));
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Connect();
        using var gate = EnterWrite();
        using var transaction = SqliteWrite.Begin(connection);
        using var command = SqliteValues.Command(
            connection,
            (replace
                ? "INSERT INTO store_settings (name, value) VALUES ('embedder', $model) ON CONFLICT (name) DO UPDATE SET value = excluded.value;"
                : "INSERT INTO store_settings (name, value) VALUES ('embedder', $model) ON CONFLICT (name) DO NOTHING;")
            + "SELECT value FROM store_settings WHERE name = 'embedder';",
            transaction);
        command.Parameters.AddWithValue("$model", model);
        var bound = (string)command.ExecuteScalar()!;
        transaction.Commit();
        return Task.FromResult(bound);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListUsersAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Connect();
        using var command = SqliteValues.Command(connection, "SELECT DISTINCT user_id FROM interventions WHERE expires_at > $now ORDER BY user_id");
        command.Parameters.AddWithValue("$now", Now);
        using var reader = command.ExecuteReader();
        var users = new List<string>();
        while (reader.Read())
        {
            users.Add(reader.GetString(0));
        }

        return Task.FromResult<IReadOnlyList<string>>(users);
    }

    /// <inheritdoc />
    public Task<int> ReplaceEmbeddingsAsync(string userId, IReadOnlyList<EmbeddingReplacement> replacements, CancellationToken cancellationToken = default)
    {
        MemoryRecordValidator.Validate(userId, replacements);
        cancellationToken.ThrowIfCancellationRequested();
        if (replacements.Count == 0)
        {
            return Task.FromResult(0);
        }

        using var connection = Connect();
        using var gate = EnterWrite();
        using var transaction = SqliteWrite.Begin(connection);
        // The write's version is the sequence number of every replaced row, so other processes' snapshots fetch exactly these
        // rows (their new vectors) on their next search; when nothing is replaced the transaction rolls the version back.
        var (_, current) = BumpVersion(connection, transaction, userId);
        // Only the vector and its embedder: an outcome written since the vector was read stays.
        using var update = SqliteValues.Command(
            connection,
            "UPDATE interventions SET embedding = $embedding, embedding_model = $model, seq = $seq " +
            "WHERE id = $id AND user_id = $user AND embedding_model = $expected AND expires_at > $now",
            transaction);
        var p = update.Parameters;
        p.AddWithValue("$user", userId);
        p.AddWithValue("$now", Now);
        p.AddWithValue("$seq", current);
        var id = p.Add("$id", Microsoft.Data.Sqlite.SqliteType.Text);
        var expected = p.Add("$expected", Microsoft.Data.Sqlite.SqliteType.Text);
        var model = p.Add("$model", Microsoft.Data.Sqlite.SqliteType.Text);
        var embedding = p.Add("$embedding", Microsoft.Data.Sqlite.SqliteType.Blob);
        var replaced = 0;
        foreach (var r in replacements)
        {
            id.Value = r.Id;
            expected.Value = r.ExpectedModel;
            model.Value = r.Model;
            embedding.Value = SqliteValues.Blob(r.Embedding);
            replaced += update.ExecuteNonQuery();
        }

        if (replaced > 0)
        {
            transaction.Commit();
        }

        return Task.FromResult(replaced);
    }
}
