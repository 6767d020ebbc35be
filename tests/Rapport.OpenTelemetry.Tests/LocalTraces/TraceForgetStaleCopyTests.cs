using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Rapport.OpenTelemetry.LocalTraces;
using Rapport.Telemetry;

namespace Rapport.OpenTelemetry.Tests.LocalTraces;

/// <summary>A forget leaves no copy of the user's spans anywhere in traces.db, including the stale copies that b-tree balancing
/// leaves in the free gap of other pages, which secure_delete does not reach (found by the CLI's kill -9 during forget test: a
/// forgotten user's hash in the gap of a spans leaf page).</summary>
public sealed class TraceForgetStaleCopyTests : IDisposable
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow;
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-trace-stale-").FullName;

    [Fact]
    public async Task ForgetUserAsync_AfterPagesSplitAroundTheUsersSpans_NoByteOfTheUserLeftInTheFile()
    {
        var path = Path.Combine(_folder, LocalTraceStoreOptions.DefaultFileName);
        const string forgotten = "0f0e0d0c0b0a09080706050403020100";
        const string kept = "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf";
        using (var store = LocalTraceStore.Open(new LocalTraceStoreOptions { Path = path }))
        {
            // Batches of spans of both users under random trace ids, with attributes of 100-600 bytes: inserts land between
            // existing rows of the WITHOUT ROWID spans b-tree, so pages split and rebalance around the forgotten user's rows.
            // (A replica of the schema in Python's sqlite3 left 1-5 copies of the hash after DELETE + checkpoint in 5 of 5
            // seeds at this shape, and none after VACUUM.)
            var random = new Random(20261204);
            for (var batch = 0; batch < 20; batch++)
            {
                store.Write([.. Enumerable.Range(0, 50).Select(i => Span(random, batch * 50 + i, random.Next(2) == 0 ? forgotten : kept))]);
            }

            Assert.True(await store.ForgetUserAsync(forgotten, TestContext.Current.CancellationToken) > 0);
        }

        SqliteConnection.ClearAllPools();
        var bytes = Directory.GetFiles(_folder, "traces.db*").Select(File.ReadAllBytes).ToList();
        Assert.DoesNotContain(bytes, b => b.AsSpan().IndexOf(Encoding.UTF8.GetBytes(forgotten)) >= 0);
        Assert.Contains(bytes, b => b.AsSpan().IndexOf(Encoding.UTF8.GetBytes(kept)) >= 0);
    }

    // A span under a random trace id with 100-600 bytes of attributes besides the user's hash.
    private static TraceSpan Span(Random random, int n, string userHash)
    {
        var trace = $"{random.NextInt64():x16}{random.NextInt64():x16}";
        return new TraceSpan(trace, $"{n:x16}", null, "rapport.record", "Rapport", ActivityKind.Internal, Start.AddMilliseconds(n),
            TimeSpan.FromMilliseconds(3), ActivityStatusCode.Ok, null,
            new Dictionary<string, object?> { [RapportTelemetryNames.UserHash] = userHash, ["note"] = new string('x', random.Next(100, 600)) }, []);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
