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
            // Once a new connection no longer sees the user, the forget has committed and is on to its checkpoint (a fixed wait
            // could end before it got there on a loaded machine, and then check nothing); give the checkpoint time to meet the reader.
            await WaitUntilCommittedAsync(path, forget, ct);
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

    // Polls, up to 30 s, until a new connection sees none of the user's rows (or the forget has ended, which the caller then sees).
    private static async Task WaitUntilCommittedAsync(string path, Task forget, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!forget.IsCompleted && DateTime.UtcNow < deadline)
        {
            await using var probe = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
            await probe.OpenAsync(ct);
            using var count = probe.CreateCommand();
            count.CommandText = "SELECT count(*) FROM interventions WHERE user_id = $user;";
            count.Parameters.AddWithValue("$user", User);
            if ((long)(await count.ExecuteScalarAsync(ct))! == 0)
            {
                return;
            }

            await Task.Delay(20, ct);
        }
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
