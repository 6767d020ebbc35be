using Microsoft.Extensions.Time.Testing;
using Rapport.Server.State;

namespace Rapport.Server.Tests.State;

/// <summary>The shared state in a tenant's <c>server.db</c>, opened twice (two processes on one data folder), on a fake clock.</summary>
public sealed class SqliteSharedStateTests : SharedStateConformanceTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-state-").FullName;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    private protected override Task<(IPreparedTurnStore Turns, IIdempotencyStore Idempotency)[]> OpenAsync(TimeSpan lease)
    {
        var path = Path.Combine(_folder, SqliteStateFile.FileName);
        return Task.FromResult(Enumerable.Range(0, 2).Select(_ =>
        {
            var file = SqliteStateFile.Open(path);
            return ((IPreparedTurnStore)new SqlitePreparedTurnStore(file, 100, TimeSpan.FromMinutes(30), _time),
                (IIdempotencyStore)new SqliteIdempotencyStore(file, lease, TimeSpan.FromHours(24), _time));
        }).ToArray());
    }

    protected override Task PassLeaseAsync(TimeSpan lease)
    {
        _time.Advance(lease);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Turns_BeyondCapacity_OldestGoesFirst_AndExpiredAreNotTaken()
    {
        var file = SqliteStateFile.Open(Path.Combine(_folder, SqliteStateFile.FileName));
        var turns = new SqlitePreparedTurnStore(file, 2, TimeSpan.FromMinutes(30), _time);
        foreach (var id in new[] { "c1", "c2", "c3" })
        {
            await turns.AddAsync(new PendingTurn(id, "ana", null, "hi", null, [1f]), Ct);
        }

        Assert.Null(await turns.TakeAsync("c1", Ct));
        Assert.NotNull(await turns.TakeAsync("c2", Ct));
        _time.Advance(TimeSpan.FromMinutes(31));
        Assert.Null(await turns.TakeAsync("c3", Ct));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
