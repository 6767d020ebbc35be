using Microsoft.Data.Sqlite;
using Rapport.Memory;
using System.Text;

namespace Rapport.OpenTelemetry.Tests.LocalTraces;

/// <summary>A forget while another process still reads an older snapshot of traces.db (it was writing its own spans) leaves no
/// byte of the user once that read ends: the checkpoint waits for it instead of stopping short and leaving the old pages in the
/// file (found by CI: the CLI's kill -9 during forget test saw a record id left in traces.db).</summary>
[Collection(HostCollection.Name)]
public sealed class TraceForgetCheckpointTests
{
    private const string Secret = "pangolin-trace-snapshot-secret-53";

    [Fact]
    public async Task ForgetUserAsync_WhileAnotherConnectionReadsAnOlderSnapshot_WaitsForIt_NoByteLeft()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hosted = new HostedMemory(coreSensitive: true, storeSensitive: true);
        await hosted.Memory.RecordAsync(HostedMemory.Sample("ana", Secret), ct);
        await hosted.Memory.RecallAsync(new RecallRequest { UserId = "ana", Query = Secret }, ct);
        await hosted.Memory.RecallAsync(new RecallRequest { UserId = "bob", Query = "kept question" }, ct);
        hosted.Host.Flush();
        var ana = hosted.Host.Pseudonymizer.Pseudonymize("ana");
        var bob = hosted.Host.Pseudonymizer.Pseudonymize("bob");
        Assert.Equal([Secret, ana, bob], Found(hosted.Home, Secret, ana, bob));

        await using (var reader = new SqliteConnection($"Data Source={hosted.Traces.Path};Pooling=False"))
        {
            await reader.OpenAsync(ct);
            using var read = reader.CreateCommand();
            read.CommandText = "BEGIN; SELECT count(*) FROM spans;";
            Assert.True((long)(await read.ExecuteScalarAsync(ct))! > 0);

            var forget = Task.Run(() => hosted.Host.ForgetUserAsync("ana", ct), ct);
            // Once a new connection no longer sees ana's traces, the forget has committed and is on to folding the WAL in (a fixed
            // wait could end before it got there on a loaded machine, and then check nothing); give that time to meet the reader.
            await WaitUntilCommittedAsync(hosted.Traces.Path, ana, forget, ct);
            await Task.Delay(300, ct);
            // The reader still holds its snapshot, so the forget (committed) is still waiting to fold the WAL into the file.
            Assert.False(forget.IsCompleted);
            read.CommandText = "COMMIT;";
            await read.ExecuteNonQueryAsync(ct);
            Assert.True(await forget > 0);
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal([bob], Found(hosted.Home, Secret, ana, bob));
    }

    // Polls, up to 30 s, until a new connection sees no trace of the user (or the forget has ended, which the caller then sees).
    private static async Task WaitUntilCommittedAsync(string path, string userHash, Task forget, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!forget.IsCompleted && DateTime.UtcNow < deadline)
        {
            await using var probe = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
            await probe.OpenAsync(ct);
            using var count = probe.CreateCommand();
            count.CommandText = "SELECT count(*) FROM trace_users WHERE user_hash = $hash;";
            count.Parameters.AddWithValue("$hash", userHash);
            if ((long)(await count.ExecuteScalarAsync(ct))! == 0)
            {
                return;
            }

            await Task.Delay(20, ct);
        }
    }

    // The strings that some traces.db* file holds (UTF-8), in the order given.
    private static List<string> Found(string home, params string[] strings)
    {
        var files = Directory.GetFiles(home, "traces.db*").Select(file =>
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }).ToList();
        return strings.Where(s => files.Any(bytes => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(s)) >= 0)).ToList();
    }
}
