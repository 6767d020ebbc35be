using Microsoft.Data.Sqlite;
using Rapport.Storage;

namespace Rapport.Sqlite.Tests;

public sealed class SqliteMemoryStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-sqlite-").FullName;

    [Fact]
    public async Task Open_NewFile_UsesWalAndCurrentSchema()
    {
        var path = Path.Combine(_folder, "nested", "rapport.db");

        await using var store = SqliteMemoryStore.Open(path);

        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
        Assert.Equal((long)Rapport.Sqlite.Internal.SqliteSchema.CurrentVersion, Scalar(connection, "PRAGMA user_version;"));
        Assert.Equal($"sqlite:{path}", store.Description);
    }

    [Fact]
    public async Task Open_TwiceOnOneFile_MigratesOnce()
    {
        var path = Path.Combine(_folder, "rapport.db");
        var opens = Enumerable.Range(0, 4).Select(_ => Task.Run(() => SqliteMemoryStore.Open(path)));

        var stores = await Task.WhenAll(opens);

        foreach (var store in stores)
        {
            Assert.Equal(0, (await store.GetStatsAsync()).Interventions);
            await store.DisposeAsync();
        }
    }

    [Fact]
    public void Open_NewerSchema_IsRefusedWithReason()
    {
        var path = Path.Combine(_folder, "future.db");
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            Scalar(connection, "PRAGMA user_version = 99;");
        }

        var error = Assert.Throws<MemoryStoreException>(() => SqliteMemoryStore.Open(path));

        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_PathUnderAFile_FailsWithOneLineReason()
    {
        var file = Path.Combine(_folder, "plain.txt");
        File.WriteAllText(file, "not a folder");

        var error = Assert.Throws<MemoryStoreException>(() => SqliteMemoryStore.Open(Path.Combine(file, "rapport.db")));

        Assert.StartsWith("Cannot open the SQLite store at", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Open_NotADatabase_FailsWithReason()
    {
        var path = Path.Combine(_folder, "garbage.db");
        File.WriteAllBytes(path, [.. Enumerable.Repeat((byte)0x42, 4096)]);

        var error = Assert.Throws<MemoryStoreException>(() => SqliteMemoryStore.Open(path));

        Assert.Contains("garbage.db", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgetUser_ForgottenText_IsNotLeftInTheFile()
    {
        var path = Path.Combine(_folder, "rapport.db");
        const string Secret = "zebra-marker-7f3a my divorce papers arrive on friday";
        await using (var store = SqliteMemoryStore.Open(path))
        {
            var now = DateTimeOffset.UtcNow;
            await store.RecordAsync([
                new Rapport.Memory.Intervention
                {
                    Id = "forget0000000000000000000000001", UserId = "ana", CreatedAt = now, Situation = Secret, Kind = "breathing",
                    Text = "Let's breathe.", Embedding = new float[] { 1f, 0f }, EmbeddingModel = "m", ExpiresAt = now.AddDays(1),
                },
                new Rapport.Memory.Intervention
                {
                    Id = "forget0000000000000000000000002", UserId = "ben", CreatedAt = now, Situation = "ben's situation", Kind = "breathing",
                    Text = "Let's breathe.", Embedding = new float[] { 1f, 0f }, EmbeddingModel = "m", ExpiresAt = now.AddDays(1),
                },
            ]);

            await store.ForgetUserAsync("ana");
        }

        SqliteConnection.ClearAllPools();

        // Deleted rows stay in free pages (and in the WAL) unless they are overwritten: forget must leave no readable trace.
        foreach (var file in Directory.EnumerateFiles(_folder, "rapport.db*"))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.DoesNotContain("zebra-marker-7f3a", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        }
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
