using Microsoft.Data.Sqlite;

namespace Rapport.Server.State;

/// <summary>A tenant's <c>server.db</c> next to its <c>rapport.db</c>: prepared turns and <c>Idempotency-Key</c> records, in WAL mode
/// so several server processes on one data folder share them.</summary>
#pragma warning disable CA1001 // The gate is a SemaphoreSlim whose wait handle is never created: nothing to dispose; the file lives as long as its tenant.
internal sealed class SqliteStateFile
#pragma warning restore CA1001
{
    /// <summary>The file's name in the tenant's folder.</summary>
    public const string FileName = "server.db";

    private readonly string _connection;

    // One writer at a time in this process: concurrent writers would hit SQLITE_BUSY, which Microsoft.Data.Sqlite retries by
    // sleeping (up to 150 ms a time), far longer than the writes themselves. Other processes on the file still use the busy retry.
    private readonly SemaphoreSlim _gate = new(1, 1);

    private SqliteStateFile(string path) =>
        _connection = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();

    /// <summary>Opens (creating when absent) the file and its tables.</summary>
    public static SqliteStateFile Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var file = new SqliteStateFile(path);
        using var connection = file.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS prepared_turns (
              seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL, body TEXT NOT NULL, expires_at INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS prepared_turns_user ON prepared_turns (user_id);
            CREATE INDEX IF NOT EXISTS prepared_turns_expiry ON prepared_turns (expires_at);
            CREATE TABLE IF NOT EXISTS idempotency (
              key TEXT PRIMARY KEY, request_hash TEXT NOT NULL, token TEXT, user_id TEXT,
              status INTEGER, content_type TEXT, body BLOB, expires_at INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS idempotency_user ON idempotency (user_id);
            CREATE INDEX IF NOT EXISTS idempotency_expiry ON idempotency (expires_at);
            """;
        command.ExecuteNonQuery();
        return file;
    }

    /// <summary>Waits for this process's turn to write; dispose the result to let the next writer in.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Release(_gate);
    }

    /// <summary>Opens a pooled connection (WAL, <c>synchronous = NORMAL</c>: a prepared turn or a stored response is worth less than a
    /// commit's fsync; losing the last ones in a power cut only makes a retry run again).</summary>
    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connection);
        connection.Open();
        // A PRAGMA is a property of the physical connection, which the pool keeps open: set it once per handle, not per request
        // (each request opens server.db three or four times).
        if (!Configured.TryGetValue(connection.Handle!, out _))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL";
            command.ExecuteNonQuery();
            Configured.AddOrUpdate(connection.Handle!, Configured);
        }

        return connection;
    }

    // The physical connections already set (weak: a closed handle drops out). Every state file sets the same PRAGMA.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = new();

    /// <summary>Runs one statement with named parameters in this process's turn; returns the rows it changed.</summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        using var writing = await EnterAsync(cancellationToken).ConfigureAwait(false);
        using var connection = Connect();
        using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates a command with named parameters (<see langword="null"/> as SQL NULL).</summary>
    public static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
