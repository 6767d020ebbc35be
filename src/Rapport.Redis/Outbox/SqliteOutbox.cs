using Microsoft.Data.Sqlite;
using Rapport.Storage;

namespace Rapport.Redis.Outbox;

/// <summary>A durable, ordered queue of writes acknowledged while Redis was unreachable: one SQLite file.</summary>
/// <remarks>
/// <c>synchronous = FULL</c>: an enqueued write survives a crash of the process or the machine. Thread-safe
/// (a pooled connection per call). Entries are replayed in <see cref="OutboxEntry.Sequence"/> order and deleted only
/// after Redis acknowledged them; replay is idempotent, so an entry applied twice (a crash between apply and delete)
/// leaves one copy. Entries that can never apply move to <c>dead_letters</c> rather than block the queue.
/// Deleted entries leave no bytes behind: <c>secure_delete</c> zeroes them and a checkpoint empties the WAL after replay and forget.
/// </remarks>
internal sealed class SqliteOutbox
{
    private readonly string _connectionString;
    private long _pending;

    public SqliteOutbox(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 5,
        }.ToString();
        using var connection = Connect();
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS outbox (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT NOT NULL, kind TEXT NOT NULL,
                payload TEXT NOT NULL, records INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS ix_outbox_user ON outbox (user_id);
            CREATE TABLE IF NOT EXISTS dead_letters (
                seq INTEGER PRIMARY KEY, user_id TEXT NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL,
                records INTEGER NOT NULL, error TEXT NOT NULL);
            """);
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM outbox";
        _pending = (long)count.ExecuteScalar()!;
    }

    /// <summary>Gets the full path of the file.</summary>
    public string Path { get; }

    /// <summary>Gets how many entries wait (as far as this process knows).</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>Appends entries (one transaction: all or none), in order.</summary>
    public void Enqueue(IReadOnlyList<(string UserId, string Kind, string Payload, int Records)> entries)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO outbox (user_id, kind, payload, records) VALUES ($user, $kind, $payload, $records)";
        var user = insert.Parameters.Add("$user", SqliteType.Text);
        var kind = insert.Parameters.Add("$kind", SqliteType.Text);
        var payload = insert.Parameters.Add("$payload", SqliteType.Text);
        var records = insert.Parameters.Add("$records", SqliteType.Integer);
        foreach (var entry in entries)
        {
            (user.Value, kind.Value, payload.Value, records.Value) = (entry.UserId, entry.Kind, entry.Payload, entry.Records);
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        Interlocked.Add(ref _pending, entries.Count);
    }

    /// <summary>Returns the oldest entries, at most <paramref name="max"/>, in order; empty when the outbox is.</summary>
    public List<OutboxEntry> Peek(int max)
    {
        using var connection = Connect();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT seq, user_id, kind, payload, records FROM outbox ORDER BY seq LIMIT $max";
        select.Parameters.AddWithValue("$max", max);
        using var reader = select.ExecuteReader();
        var entries = new List<OutboxEntry>();
        while (reader.Read())
        {
            entries.Add(new OutboxEntry(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4)));
        }

        if (entries.Count == 0)
        {
            Interlocked.Exchange(ref _pending, 0);
        }

        return entries;
    }

    /// <summary>Removes entries that Redis acknowledged, in one durable transaction (one sync for the lot).</summary>
    public void Complete(IReadOnlyList<long> sequences)
    {
        if (sequences.Count == 0)
        {
            return;
        }

        using var connection = Connect();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM outbox WHERE seq = $seq";
        var seq = delete.Parameters.Add("$seq", SqliteType.Integer);
        var removed = 0;
        foreach (var sequence in sequences)
        {
            seq.Value = sequence;
            removed += delete.ExecuteNonQuery();
        }

        transaction.Commit();
        Interlocked.Add(ref _pending, -removed);
        _ = Checkpoint(connection, TimeSpan.Zero);
    }

    /// <summary>Moves an entry that can never apply out of the queue, keeping it for an operator.</summary>
    public void DeadLetter(long sequence, string error)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var move = connection.CreateCommand();
        move.Transaction = transaction;
        move.CommandText = """
            INSERT OR REPLACE INTO dead_letters (seq, user_id, kind, payload, records, error)
                SELECT seq, user_id, kind, payload, records, $error FROM outbox WHERE seq = $seq;
            DELETE FROM outbox WHERE seq = $seq;
            """;
        move.Parameters.AddWithValue("$seq", sequence);
        move.Parameters.AddWithValue("$error", error);
        move.ExecuteNonQuery();
        transaction.Commit();
        Interlocked.Decrement(ref _pending);
    }

    /// <summary>Removes every pending entry (and dead letter) of a user; returns how many records they held.</summary>
    public long RemoveUser(string userId)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT coalesce(sum(records), 0), count(*) FROM outbox WHERE user_id = $user;
            """;
        command.Parameters.AddWithValue("$user", userId);
        long records, entries;
        using (var reader = command.ExecuteReader())
        {
            reader.Read();
            (records, entries) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        command.CommandText = "DELETE FROM outbox WHERE user_id = $user; DELETE FROM dead_letters WHERE user_id = $user;";
        command.ExecuteNonQuery();
        transaction.Commit();
        Interlocked.Add(ref _pending, -entries);
        if (!Checkpoint(connection, ForgetCheckpointWait))
        {
            throw new MemoryStoreException(
                $"Removed the user's {entries} queued write(s), but another process kept reading an older copy of the outbox for " +
                $"{ForgetCheckpointWait.TotalSeconds:0} s, so they stay in its file until a later checkpoint: run forget again when it is done.");
        }

        return records;
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // secure_delete: a replayed or forgotten entry is overwritten with zeros, not left readable in free pages.
        Execute(connection, "PRAGMA synchronous = FULL; PRAGMA secure_delete = ON;");
        return connection;
    }

    // The WAL still holds the frames that inserted the deleted entries (the user's words and vectors) until a checkpoint
    // copies the zeroed pages back; TRUNCATE then empties it. Replay and forget are rare, so the cost is too.
    // A reader on an older snapshot makes the checkpoint stop short without an error (busy = 1 in its first column), leaving the
    // old pages readable in the file; a forget waits for it, a replay leaves it to the next one. Returns whether it completed.
    private static bool Checkpoint(SqliteConnection connection, TimeSpan wait)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        while (true)
        {
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

    /// <summary>How long removing a user's entries waits for other readers before its checkpoint gives up.</summary>
    private static readonly TimeSpan ForgetCheckpointWait = TimeSpan.FromSeconds(5);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
