using Rapport.Redis.Tests.Fixtures;
using Rapport.Storage.Conformance;
using static Rapport.Redis.Tests.Fixtures.TestRecords;

namespace Rapport.Redis.Tests;

/// <summary>After forget, neither Redis nor the outbox that held the user's entries keeps a byte of them: no key or value on the
/// server, nothing in the outbox file (free pages and WAL included), nothing in Redis's append-only file once it is rewritten
/// (issue 16, acceptance 2).</summary>
// Uncompressed values, so that a byte search of DUMP output and of the AOF sees every string.
public sealed class OutboxResidueTests() : PrivateRedisTests("--rdbcompression", "no")
{
    private const string User = "residue-user-7f3a";
    private const string Situation = "zebra-situation-secret-41";
    private const string Text = "zebra-text-secret-42";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Forget_AfterOutageWrites_NoByteOfTheUserUnderTheDataFolder(bool replayFirst)
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = new List<string>();
        await using (var store = Stores.Open(Server.Endpoint, configure: o => o.Budget = TimeSpan.FromMilliseconds(250)))
        {
            await Server.StopAsync();
            for (var i = 0; i < 20; i++)
            {
                var record = Make(User, Axis(i), DateTimeOffset.UtcNow) with { Situation = $"{Situation} {i}", Text = $"{Text} {i}" };
                ids.Add(record.Id);
                await store.RecordAsync([record], ct);
            }

            Assert.Equal(20, store.PendingWrites);
            Assert.NotEmpty(ResidueScan.Find(Stores.Home, Situation));
            await Server.StartAgainAsync();
            if (replayFirst)
            {
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (store.PendingWrites > 0 && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(50, ct);
                }

                Assert.Equal(0, store.PendingWrites);
                Assert.Equal(20, (await store.ListAsync(User, cancellationToken: ct)).Count);
            }

            // Without replay first, forget may meet the connection before it has come back: retry, as a caller would.
            long forgotten = -1;
            for (var attempt = 0; forgotten < 0; attempt++)
            {
                try
                {
                    forgotten = await store.ForgetUserAsync(User, ct);
                }
                catch (Rapport.Storage.MemoryStoreException) when (attempt < 100)
                {
                    await Task.Delay(100, ct);
                }
            }

            Assert.True(!replayFirst || forgotten == 20, $"forgot {forgotten}");
        }

        string[] secrets = [User, Situation, Text, .. ids];
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.Empty(ResidueScan.Find(Stores.Home, secrets));
        Assert.Empty(await RedisResidueAsync(secrets));
        Assert.Empty(await AofResidueAfterRewriteAsync(secrets));
    }
}
