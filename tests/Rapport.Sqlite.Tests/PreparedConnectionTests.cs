using Microsoft.Data.Sqlite;
using Rapport.Sqlite.Internal;

namespace Rapport.Sqlite.Tests;

public sealed class PreparedConnectionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-sqlite-prepared-").FullName;

    [Fact]
    public void Command_SameSqlAgain_IsTheSamePreparedCommandWithoutTheOldParameters()
    {
        using var shelf = new ConnectionShelf();
        using var connection = Open(shelf);

        var first = SqliteValues.Command(connection, "SELECT $x + 1;");
        first.Parameters.AddWithValue("$x", 1);
        Assert.Equal(2L, first.ExecuteScalar());
        first.Dispose();
        var second = SqliteValues.Command(connection, "SELECT $x + 1;");

        Assert.Same(first, second);
        Assert.Empty(second.Parameters);
        second.Parameters.AddWithValue("$x", 41);
        Assert.Equal(42L, second.ExecuteScalar());
    }

    [Fact]
    public void Dispose_NoTransaction_KeepsItOpenForTheNextCall()
    {
        using var shelf = new ConnectionShelf();
        var connection = Open(shelf);

        connection.Dispose();

        Assert.True(shelf.TryTake(out var kept));
        Assert.Same(connection, kept);
        Assert.Equal(System.Data.ConnectionState.Open, kept.State);
        kept.CloseForGood();
        Assert.Equal(System.Data.ConnectionState.Closed, kept.State);
    }

    [Fact]
    public void Dispose_InsideATransaction_ClosesItInstead()
    {
        using var shelf = new ConnectionShelf();
        var connection = Open(shelf);
        using (var begin = SqliteValues.Command(connection, "BEGIN IMMEDIATE;"))
        {
            begin.ExecuteNonQuery();
        }

        connection.Dispose();

        Assert.False(shelf.TryTake(out _));
        Assert.Equal(System.Data.ConnectionState.Closed, connection.State);
    }

    [Fact]
    public async Task StoreDispose_ClosesTheKeptConnections_SoTheLastCloseRemovesTheWal()
    {
        var path = Path.Combine(_folder, "rapport.db");
        var store = SqliteMemoryStore.Open(path);
        await store.GetStatsAsync();
        Assert.True(File.Exists(path + "-wal"));

        await store.DisposeAsync();
        SqliteConnection.ClearAllPools();

        Assert.False(File.Exists(path + "-wal"), "a connection of the disposed store is still open");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private PreparedConnection Open(ConnectionShelf shelf)
    {
        var connection = new PreparedConnection($"Data Source={Path.Combine(_folder, "plain.db")}", shelf);
        connection.Open();
        return connection;
    }
}
