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
    public Task<IReadOnlyList<MemorySearchHit>> SearchAsync(MemorySearchRequest request, CancellationToken cancellationToken = default)
    {
        MemoryRecordValidator.Validate(request);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Connect();
        // A query with words needs the lexical index: a cold load analyzes the words while it reads the rows.
        var set = Snapshot(
            connection, request.UserId, words: request.Mode != SearchMode.Dense && !string.IsNullOrWhiteSpace(request.Text), out var version);
        if (set is null)
        {
            return Task.FromResult<IReadOnlyList<MemorySearchHit>>([]);
        }

        // A compact snapshot's candidates are read with their 32-bit vectors and re-scored exactly: one read either way.
        var now = _time.GetUtcNow();
        var candidates = set.SearchCandidates(request, now);
        if (candidates.Matches.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<MemorySearchHit>>([]);
        }

        var records = Records(connection, request.UserId, version, candidates.Matches, now);
        var matches = candidates.Rescore(id => records.TryGetValue(id, out var record) ? record.Embedding : null);
        var hits = new List<MemorySearchHit>(matches.Count);
        foreach (var match in matches)
        {
            // A record may have expired or been forgotten between the scan and the read: it is simply left out.
            if (records.TryGetValue(match.Id, out var record))
            {
                hits.Add(new MemorySearchHit(record, match));
            }
        }

        return Task.FromResult<IReadOnlyList<MemorySearchHit>>(hits);
    }

    /// <inheritdoc />
    /// <remarks>Answered from the same cached snapshot a search uses (refreshing or loading it when stale), so a recall's
    /// check costs the version read, not a scan of the user's rows.</remarks>
    public Task<IReadOnlyDictionary<string, long>> CountEmbeddingModelsAsync(string userId, CancellationToken cancellationToken = default)
    {
        MemoryIds.ValidateUserId(userId);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Connect();
        var set = Snapshot(connection, userId, words: false, out _);
        return Task.FromResult(set?.CountLiveByEmbeddingModel(_time.GetUtcNow()) ?? new Dictionary<string, long>());
    }

    /// <summary>The user's snapshot at the current version, or <see langword="null"/> for a user without data.</summary>
    /// <remarks>
    /// Cached at the version: used as it is. Cached at an older version of the same incarnation of the user (not older
    /// than its epoch): only the rows changed since (seq above the cached version) are read and merged. Otherwise loaded
    /// whole. The version is read before the rows, so a snapshot is never older than the version it is cached under.
    /// </remarks>
    private UserVectorSet? Snapshot(SqliteConnection connection, string userId, bool words, out long version)
    {
        (version, var epoch) = ReadVersion(connection, userId);
        if (version == 0)
        {
            // Forgotten or emptied, perhaps by another process: nothing of the user stays in this one either.
            _vectors.Invalidate(userId);
            _records.Invalidate(userId);
            return null;
        }

        if (_vectors.Find(userId, version) is { } cached)
        {
            return cached;
        }

        if (_vectors.TryGetStale(userId, out var stale) && stale.Version >= epoch && stale.Version < version)
        {
            List<VectorEntry> changed = [.. ReadEntries(connection, userId, stale.Cursor)];
            return _vectors.Put(userId, stale.Set.WithChanges(changed, null, _time.GetUtcNow()), version, version, refreshed: true);
        }

        // Each row goes into the snapshot's columns as it is read (its vector is garbage at once), its words analyzed in
        // the background when the search needs them.
        var builder = new UserVectorSetBuilder(CountRows(connection, userId), _vectors.Precision, words);
        foreach (var entry in ReadEntries(connection, userId, since: null))
        {
            builder.Add(entry);
        }

        return _vectors.Put(userId, builder.Build(), version, version, refreshed: false);
    }

    // The user's rows, live or not: the capacity a full load sizes its columns for (an index-only count).
    private static int CountRows(SqliteConnection connection, string userId)
    {
        using var command = SqliteValues.Command(connection, "SELECT COUNT(*) FROM interventions WHERE user_id = $user");
        command.Parameters.AddWithValue("$user", userId);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static (long Version, long Epoch) ReadVersion(SqliteConnection connection, string userId)
    {
        using var command = SqliteValues.Command(connection, "SELECT version, epoch FROM user_versions WHERE user_id = $user");
        command.Parameters.AddWithValue("$user", userId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetInt64(1)) : (0, 0);
    }

    // The user's live rows, all of them or those changed after since (their sequence number above it), as they are read.
    private IEnumerable<VectorEntry> ReadEntries(SqliteConnection connection, string userId, long? since)
    {
        using var command = SqliteValues.Command(
            connection,
            "SELECT id, kind, outcome, quality, created_at, expires_at, embedding_model, embedding, situation, text, session_id, seq FROM interventions " +
            (since is null ? "WHERE user_id = $user AND expires_at > $now" : "WHERE user_id = $user AND seq > $since AND expires_at > $now"));
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$now", Now);
        if (since is { } after)
        {
            command.Parameters.AddWithValue("$since", after);
        }

        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new VectorEntry(
                reader.GetString(0),
                reader.GetString(1),
                (InterventionOutcome)reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetDouble(3),
                SqliteValues.Instant(reader.GetInt64(4)),
                SqliteValues.Instant(reader.GetInt64(5)),
                reader.GetString(6),
                SqliteValues.Vector(reader, 7),
                reader.GetString(8),
                reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.GetInt64(11));
        }
    }

    // The matches' records: those cached at the user's version (RecordCache) from memory, the others read and cached.
    private Dictionary<string, Intervention> Records(
        SqliteConnection connection, string userId, long version, IReadOnlyList<VectorMatch> matches, DateTimeOffset now)
    {
        var records = new Dictionary<string, Intervention>(matches.Count, StringComparer.Ordinal);
        List<VectorMatch>? missing = null;
        foreach (var match in matches)
        {
            if (_records.TryGet(userId, version, match.Id, out var record))
            {
                // Expired since the scan: left out, as the read's "expires_at > now" would.
                if (record.ExpiresAt > now)
                {
                    records[record.Id] = record;
                }
            }
            else
            {
                (missing ??= []).Add(match);
            }
        }

        if (missing is not null)
        {
            foreach (var record in _records.Add(userId, version, [.. ReadByIds(connection, userId, missing).Values]))
            {
                records[record.Id] = record;
            }
        }

        return records;
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
