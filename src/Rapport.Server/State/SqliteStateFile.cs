using Microsoft.Data.Sqlite;

namespace Rapport.Server.State;

/// <summary>A tenant's <c>server.db</c> next to its <c>rapport.db</c>: prepared turns and <c>Idempotency-Key</c> records, in WAL mode
/// so several server processes on one data folder share them.</summary>
internal sealed class SqliteStateFile
{
    /// <summary>The file's name in the tenant's folder.</summary>
    public const string FileName = "server.db";

    private readonly string _connection;

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

    /// <summary>Opens a pooled connection.</summary>
    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connection);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL";
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Runs one statement with named parameters; returns the rows it changed.</summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
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
}
