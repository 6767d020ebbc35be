using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Rapport.Server.Keys;

/// <summary>API keys in a SQLite file (<c>&lt;data folder&gt;/keys.db</c>).</summary>
public sealed class SqliteApiKeyStore : IApiKeyStore
{
    private readonly string _connection;

    private SqliteApiKeyStore(string path)
    {
        _connection = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        Description = "sqlite:" + path;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Opens (creating when absent) the key file.</summary>
    public static SqliteApiKeyStore Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var store = new SqliteApiKeyStore(path);
        using var connection = store.Connect();
        Execute(connection, """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS api_keys (
              id TEXT PRIMARY KEY, tenant TEXT NOT NULL, user_id TEXT, admin INTEGER NOT NULL,
              hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT);
            """);
        return store;
    }

    /// <inheritdoc />
    public async Task AddAsync(ApiKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO api_keys VALUES ($id, $tenant, $user, $admin, $hash, $created, NULL)";
        command.Parameters.AddWithValue("$id", key.Id);
        command.Parameters.AddWithValue("$tenant", key.Tenant);
        command.Parameters.AddWithValue("$user", (object?)key.User ?? DBNull.Value);
        command.Parameters.AddWithValue("$admin", key.Admin ? 1 : 0);
        command.Parameters.AddWithValue("$hash", key.Hash);
        command.Parameters.AddWithValue("$created", key.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ApiKey?> FindByHashAsync(string hash, CancellationToken cancellationToken = default)
    {
        var keys = await QueryAsync("SELECT * FROM api_keys WHERE hash = $p AND revoked_at IS NULL", hash, cancellationToken).ConfigureAwait(false);
        return keys.Count == 0 ? null : keys[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default) =>
        QueryAsync("SELECT * FROM api_keys WHERE $p IS NULL ORDER BY created_at, id", null, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE api_keys SET revoked_at = $at WHERE id = $id AND revoked_at IS NULL";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM api_keys";
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connection);
        connection.Open();
        return connection;
    }

    private async Task<IReadOnlyList<ApiKey>> QueryAsync(string sql, string? parameter, CancellationToken cancellationToken)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$p", (object?)parameter ?? DBNull.Value);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<ApiKey>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(new ApiKey(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt64(3) != 0,
                reader.GetString(4), DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture),
                reader.IsDBNull(6) ? null : DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture)));
        }

        return keys;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
