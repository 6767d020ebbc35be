using Rapport.Evaluation.Runs;
using Rapport.Server.Evaluations;
using Rapport.Server.Hosting;
using StackExchange.Redis;

namespace Rapport.Server.Tests.Evaluations;

/// <summary>The conformance suite on a real redis-server, each tenant under its server prefix, each store on its own connection (two instances).</summary>
public sealed class RedisEvaluationRunStoreTests(RedisServerFixture redis) : EvaluationRunStoreConformanceTests, IClassFixture<RedisServerFixture>, IAsyncDisposable
{
    private readonly List<ConnectionMultiplexer> _connections = [];

    protected override async Task<IEvaluationRunStore> OpenAsync(string tenant)
    {
        if (redis.Endpoint is null)
        {
            Assert.Skip("redis-server is not installed");
        }

        var connection = await ConnectionMultiplexer.ConnectAsync(redis.Endpoint);
        _connections.Add(connection);
        return new RedisEvaluationRunStore(connection, ServerStore.TenantPrefix(tenant));
    }

    [Fact]
    public async Task Save_WritesTheRunAndItsIndexUnderTheTenantsHashTag()
    {
        _ = await OpenAsync("slots");
        var db = _connections[0].GetDatabase();
        var store = new RedisEvaluationRunStore(_connections[0], ServerStore.TenantPrefix("slots"));
        await store.SaveAsync(Run("run-slot", DateTimeOffset.UnixEpoch), Ct);
        Assert.True(await db.KeyExistsAsync("{rapport:t:slots}:eval:run-slot"));
        Assert.Equal(1, await db.SortedSetLengthAsync("{rapport:t:slots}:evals"));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }
}
