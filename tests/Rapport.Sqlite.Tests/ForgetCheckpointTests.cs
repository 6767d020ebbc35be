using Microsoft.Data.Sqlite;
using Rapport.Memory;
using Rapport.Storage.Conformance;

namespace Rapport.Sqlite.Tests;

/// <summary>A forget while another connection (another process, mid-recall) still reads an older snapshot leaves no byte of the
/// user once that read ends: the checkpoint waits for it instead of stopping short (issue 16, finding 9).</summary>
public sealed class ForgetCheckpointTests : IDisposable
{
    private const string User = "snapshot-user-2b7e";
    private const string Secret = "pangolin-snapshot-secret-81";
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-forget-checkpoint-").FullName;

    [Fact]
    public async Task Forget_WhileAnotherConnectionReadsAnOlderSnapshot_WaitsForIt_NoByteLeft()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = Path.Combine(_folder, "rapport.db");
        var records = Enumerable.Range(0, 10).Select(i => Record(User, $"{Secret} {i}")).Append(Record("other-user", "kept words")).ToList();
        long forgotten;
        await using (var store = SqliteMemoryStore.Open(path))
        {
            await store.RecordAsync(records, ct);
            await using var reader = new SqliteConnection($"Data Source={path};Pooling=False");
            await reader.OpenAsync(ct);
            using var read = reader.CreateCommand();
            read.CommandText = "BEGIN; SELECT count(*) FROM interventions;";
            Assert.Equal(11L, await read.ExecuteScalarAsync(ct));

            var forget = Task.Run(() => store.ForgetUserAsync(User, ct), ct);
            await Task.Delay(300, ct);
            // The reader still holds its snapshot, so the forget (committed) is still waiting to fold the WAL into the file.
            Assert.False(forget.IsCompleted);
            read.CommandText = "COMMIT;";
            await read.ExecuteNonQueryAsync(ct);
            forgotten = await forget;
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal(10, forgotten);
        Assert.Empty(ResidueScan.Find(_folder, [User, Secret, .. records.Take(10).Select(r => r.Id)]));
        Assert.NotEmpty(ResidueScan.Find(_folder, "kept words"));
    }

    private static Intervention Record(string user, string text) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        UserId = user,
        SessionId = "s1",
        CreatedAt = DateTimeOffset.UtcNow,
        Situation = text,
        Kind = "breathing",
        Text = text,
        Embedding = new float[] { 1f, 0f, 0f, 0f },
        EmbeddingModel = "test",
        ExpiresAt = DateTimeOffset.UtcNow.AddDays(30),
    };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
