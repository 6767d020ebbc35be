using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Rapport.OpenTelemetry.LocalTraces;
using Rapport.Telemetry;

namespace Rapport.OpenTelemetry.Tests.LocalTraces;

/// <summary>A forget or an expiry leaves no copy of the user's spans anywhere in traces.db, including the stale copies that
/// b-tree balancing leaves in the free gap of WITHOUT ROWID pages, which secure_delete does not reach (found by the CLI's kill
/// -9 during forget test: a forgotten user's hash in the gap of a spans leaf page; spans is a rowid table since schema 3).</summary>
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

    [Fact]
    public async Task PurgeExpiredAsync_AfterPagesSplitAroundTheExpiredSpans_NoByteOfThemLeftInTheFile()
    {
        var path = Path.Combine(_folder, LocalTraceStoreOptions.DefaultFileName);
        const string expiring = "1f1e1d1c1b1a19181716151413121110";
        const string kept = "b0b1b2b3b4b5b6b7b8b9babbbcbdbebf";
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Start);
        using (var store = LocalTraceStore.Open(new LocalTraceStoreOptions { Path = path, TimeProvider = time, Retention = TimeSpan.FromDays(7) }))
        {
            // The expiring user's spans first, then, a day later, spans that insert between them and split their pages.
            var random = new Random(20261205);
            for (var batch = 0; batch < 10; batch++)
            {
                store.Write([.. Enumerable.Range(0, 50).Select(i => Span(random, batch * 50 + i, expiring))]);
            }

            time.Advance(TimeSpan.FromDays(1));
            for (var batch = 10; batch < 20; batch++)
            {
                store.Write([.. Enumerable.Range(0, 50).Select(i => Span(random, batch * 50 + i, kept))]);
            }

            time.Advance(TimeSpan.FromDays(6.5));
            Assert.Equal(500, await store.PurgeExpiredAsync(TestContext.Current.CancellationToken));
        }

        SqliteConnection.ClearAllPools();
        var bytes = Directory.GetFiles(_folder, "traces.db*").Select(File.ReadAllBytes).ToList();
        Assert.DoesNotContain(bytes, b => b.AsSpan().IndexOf(Encoding.UTF8.GetBytes(expiring)) >= 0);
        Assert.Contains(bytes, b => b.AsSpan().IndexOf(Encoding.UTF8.GetBytes(kept)) >= 0);
    }

    [Fact]
    public void Open_FileOfSchema2_SpansBecomeARowidTable_RowsKept()
    {
        var path = Path.Combine(_folder, LocalTraceStoreOptions.DefaultFileName);
        using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE spans (trace_id TEXT NOT NULL, span_id TEXT NOT NULL, parent_span_id TEXT, name TEXT NOT NULL,
                    source TEXT NOT NULL, kind INTEGER NOT NULL, start_us INTEGER NOT NULL, duration_us INTEGER NOT NULL,
                    status INTEGER NOT NULL, status_description TEXT, attributes TEXT NOT NULL, events TEXT NOT NULL,
                    expires_at_us INTEGER NOT NULL, tokens INTEGER, PRIMARY KEY (trace_id, span_id)) WITHOUT ROWID;
                CREATE INDEX spans_start ON spans (start_us);
                CREATE INDEX spans_expiry ON spans (expires_at_us);
                CREATE INDEX spans_latency ON spans (start_us, name, duration_us, status, expires_at_us, tokens);
                CREATE INDEX spans_errors ON spans (trace_id) WHERE status = 2;
                CREATE TABLE trace_users (user_hash TEXT NOT NULL, trace_id TEXT NOT NULL, expires_at_us INTEGER NOT NULL,
                    PRIMARY KEY (user_hash, trace_id)) WITHOUT ROWID;
                CREATE INDEX trace_users_trace ON trace_users (trace_id);
                INSERT INTO spans VALUES ('t1', 's1', NULL, 'rapport.turn', 'Rapport', 1, 10, 5, 2, NULL, '{}', '[]', 9000000000000000, 42);
                INSERT INTO spans VALUES ('t1', 's2', 's1', 'rapport.recall', 'Rapport', 1, 11, 2, 0, NULL, '{}', '[]', 9000000000000000, NULL);
                PRAGMA user_version = 2;
                """;
            create.ExecuteNonQuery();
        }

        using (LocalTraceStore.Open(new LocalTraceStoreOptions { Path = path }))
        {
        }

        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var read = check.CreateCommand();
        read.CommandText = "SELECT sql FROM sqlite_master WHERE name = 'spans';";
        Assert.DoesNotContain("WITHOUT ROWID", (string)read.ExecuteScalar()!, StringComparison.OrdinalIgnoreCase);
        read.CommandText = "SELECT group_concat(span_id || ':' || ifnull(tokens, '-'), ',') FROM (SELECT * FROM spans ORDER BY span_id);";
        Assert.Equal("s1:42,s2:-", read.ExecuteScalar());
        read.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ('spans_start', 'spans_expiry', 'spans_latency', 'spans_errors');";
        Assert.Equal(4L, read.ExecuteScalar());
        read.CommandText = "PRAGMA user_version;";
        Assert.Equal(3L, read.ExecuteScalar());
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
