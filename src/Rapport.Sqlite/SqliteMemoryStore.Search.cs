using System.Text;
using Microsoft.Data.Sqlite;
using Rapport.Memory;
using Rapport.Search;
using Rapport.Sqlite.Internal;
using Rapport.Storage;

namespace Rapport.Sqlite;

public sealed partial class SqliteMemoryStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<MemorySearchHit>> SearchAsync(MemorySearchRequest request, CancellationToken cancellationToken = default)
    {
        MemoryRecordValidator.Validate(request);
        using var connection = Connect();
        var version = ReadVersion(connection, request.UserId);
        if (version == 0)
        {
            return [];
        }

        var set = await _vectors.GetAsync(
            request.UserId, version, _ => Task.FromResult(LoadVectors(connection, request.UserId)), cancellationToken).ConfigureAwait(false);
        var matches = set.Search(request, _time.GetUtcNow());
        if (matches.Count == 0)
        {
            return [];
        }

        var records = ReadByIds(connection, request.UserId, matches);
        var hits = new List<MemorySearchHit>(matches.Count);
        foreach (var match in matches)
        {
            // A record may have expired or been forgotten between the scan and the read: it is simply left out.
            if (records.TryGetValue(match.Id, out var record))
            {
                hits.Add(new MemorySearchHit(record, match.Similarity));
            }
        }

        return hits;
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, long>> CountEmbeddingModelsAsync(string userId, CancellationToken cancellationToken = default)
    {
        MemoryIds.ValidateUserId(userId);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Connect();
        using var command = SqliteValues.Command(
            connection,
            "SELECT embedding_model, COUNT(*) FROM interventions WHERE user_id = $user AND expires_at > $now GROUP BY embedding_model");
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$now", Now);
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return Task.FromResult<IReadOnlyDictionary<string, long>>(counts);
    }

    private static long ReadVersion(SqliteConnection connection, string userId)
    {
        using var command = SqliteValues.Command(connection, "SELECT version FROM user_versions WHERE user_id = $user");
        command.Parameters.AddWithValue("$user", userId);
        return command.ExecuteScalar() is long version ? version : 0;
    }

    private UserVectorSet LoadVectors(SqliteConnection connection, string userId)
    {
        using var command = SqliteValues.Command(
            connection,
            "SELECT id, kind, outcome, quality, created_at, expires_at, embedding_model, embedding FROM interventions " +
            "WHERE user_id = $user AND expires_at > $now");
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$now", Now);
        using var reader = command.ExecuteReader();
        var entries = new List<VectorEntry>();
        while (reader.Read())
        {
            entries.Add(new VectorEntry(
                reader.GetString(0),
                reader.GetString(1),
                (InterventionOutcome)reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetDouble(3),
                SqliteValues.Instant(reader.GetInt64(4)),
                SqliteValues.Instant(reader.GetInt64(5)),
                reader.GetString(6),
                SqliteValues.Vector(reader, 7)));
        }

        return new UserVectorSet(entries);
    }

    private Dictionary<string, Intervention> ReadByIds(SqliteConnection connection, string userId, IReadOnlyList<VectorMatch> matches)
    {
        // "+user_id" keeps SQLite from choosing the (user_id, created_at) index, which would read every row of the user
        // to find a handful: the ids go through the primary key, and the user check stays as a guard on each row.
        var where = new StringBuilder("+user_id = $user AND id IN (");
        for (var i = 0; i < matches.Count; i++)
        {
            where.Append(i == 0 ? "$p0" : $", $p{i}");
        }

        where.Append(')');
        var records = ReadInterventions(
            connection,
            null,
            where.ToString(),
            c =>
            {
                c.Parameters.AddWithValue("$user", userId);
                for (var i = 0; i < matches.Count; i++)
                {
                    c.Parameters.AddWithValue($"$p{i}", matches[i].Id);
                }
            });
        return records.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }
}
