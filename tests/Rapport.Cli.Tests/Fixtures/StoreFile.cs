using Microsoft.Data.Sqlite;

namespace Rapport.Cli.Tests.Fixtures;

/// <summary>Reads a SQLite store file directly (read-only, unpooled), as the fault tests check it after a crash.</summary>
internal static class StoreFile
{
    /// <summary>Returns every intervention id in the file (duplicates included) and the result of <c>PRAGMA integrity_check</c>.</summary>
    public static async Task<(List<string> Ids, string Integrity)> ReadAsync(string path)
    {
        await using var connection = await OpenAsync(path);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        var integrity = (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        command.CommandText = "SELECT id FROM interventions;";
        var ids = new List<string>();
        using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return (ids, integrity);
    }

    /// <summary>Returns how many interventions of <paramref name="user"/> the file holds.</summary>
    public static async Task<long> CountAsync(string path, string user)
    {
        await using var connection = await OpenAsync(path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM interventions WHERE user_id = $user;";
        command.Parameters.AddWithValue("$user", user);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private static async Task<SqliteConnection> OpenAsync(string path)
    {
        SqliteConnection.ClearAllPools();
        var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }
}
