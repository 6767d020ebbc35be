using Rapport.Redis.Tests.Fixtures;
using Rapport.Storage.Conformance;
using static Rapport.Redis.Tests.Fixtures.TestRecords;

namespace Rapport.Redis.Tests;

/// <summary>An outbox that held a user's entries keeps no byte of them after replay and forget (free pages and WAL included).</summary>
public sealed class OutboxResidueTests : IAsyncLifetime
{
    private const string User = "residue-user-7f3a";
    private const string Situation = "zebra-situation-secret-41";
    private const string Text = "zebra-text-secret-42";
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-residue-").FullName;
    private readonly TestStoreFactory _stores = new();
    private RedisProcess? _server;

    public async ValueTask InitializeAsync()
    {
        if (RedisProcess.MissingReason is null)
        {
            _server = await RedisProcess.StartAsync(_folder);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Forget_AfterOutageWrites_NoByteOfTheUserUnderTheDataFolder(bool replayFirst)
    {
        if (RedisProcess.MissingReason is { } reason)
        {
            Assert.Skip(reason);
        }

        var ct = TestContext.Current.CancellationToken;
        var ids = new List<string>();
        await using (var store = _stores.Open(_server!.Endpoint, configure: o => o.Budget = TimeSpan.FromMilliseconds(250)))
        {
            await _server.StopAsync();
            for (var i = 0; i < 20; i++)
            {
                var record = Make(User, Axis(i), DateTimeOffset.UtcNow) with { Situation = $"{Situation} {i}", Text = $"{Text} {i}" };
                ids.Add(record.Id);
                await store.RecordAsync([record], ct);
            }

            Assert.Equal(20, store.PendingWrites);
            Assert.NotEmpty(ResidueScan.Find(_stores.Home, Situation));
            await _server.StartAgainAsync();
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

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.Empty(ResidueScan.Find(_stores.Home, [User, Situation, Text, .. ids]));
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _stores.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
