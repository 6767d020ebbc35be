using Microsoft.Extensions.Time.Testing;
using Rapport.Memory;
using Rapport.Redis.Tests.Fixtures;
using Rapport.Storage.Conformance;
using static Rapport.Redis.Tests.Fixtures.TestRecords;

namespace Rapport.Redis.Tests;

/// <summary>After expiry (fake clock) and the purge, Redis holds no key and no byte of the user, the outbox that held the
/// user's entries keeps none, and neither do Redis's own files once the operator rewrites the AOF (issue 16, acceptance 2).</summary>
// Uncompressed values, so that a byte search of DUMP output and of the AOF sees every string.
public sealed class RedisExpiryResidueTests() : PrivateRedisTests("--rdbcompression", "no")
{
    private const string User = "expiry-user-9d2b";
    private const string Situation = "okapi-situation-secret-51";
    private const string Text = "okapi-text-secret-52";

    [Fact]
    public async Task Expiry_AfterOutageWritesReplayed_NoKeyNoByteOfTheUser()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var ids = new List<string>();
        // A generous budget: the writes made while the server is stopped queue at once (not connected), and a loaded machine
        // must not degrade the reads this test checks.
        await using (var store = Stores.Open(Server.Endpoint, time, o => o.Budget = TimeSpan.FromSeconds(5)))
        {
            await store.RecordAsync([Make(User, Axis(0), time.GetUtcNow()) with { Situation = Situation + " live", Text = Text + " live" }], ct);
            ids.Add((await store.ListAsync(User, cancellationToken: ct)).Single().Id);
            await store.SaveProfileAsync(new UserProfile { UserId = User, UpdatedAt = time.GetUtcNow(), ExpiresAt = time.GetUtcNow().AddDays(30) }, ct);
            await Server.StopAsync();
            for (var i = 0; i < 10; i++)
            {
                var record = Make(User, Axis(i), time.GetUtcNow()) with { Situation = $"{Situation} {i}", Text = $"{Text} {i}" };
                ids.Add(record.Id);
                await store.RecordAsync([record], ct);
            }

            Assert.Equal(10, store.PendingWrites);
            Assert.NotEmpty(ResidueScan.Find(Stores.Home, Situation));
            await Server.StartAgainAsync();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (store.PendingWrites > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, ct);
            }

            Assert.Equal(0, store.PendingWrites);
            Assert.Equal(11, (await store.ListAsync(User, cancellationToken: ct)).Count);

            time.Advance(TimeSpan.FromDays(31));
            await store.RecordAsync([Make("keeper", Axis(1), time.GetUtcNow())], ct);
            Assert.True(await store.PurgeExpiredAsync(ct) >= 11);
        }

        string[] secrets = [User, Situation, Text, .. ids];
        Assert.Empty(await RedisResidueAsync(secrets));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.Empty(ResidueScan.Find(Stores.Home, secrets));

        // Redis's own files are the operator's: after an AOF rewrite they hold only live data.
        Assert.Empty(await AofResidueAfterRewriteAsync(secrets));
        Assert.NotEmpty(await RedisResidueAsync("keeper"));
    }
}
