using Rapport.Server.State;
using Rapport.Server.Tests.Fixtures;
using StackExchange.Redis;

namespace Rapport.Server.Tests.State;

/// <summary>The shared state on a private redis-server, through two connections (two instances), under one tenant prefix.</summary>
public sealed class RedisSharedStateTests(RedisServer redis) : SharedStateConformanceTests, IClassFixture<RedisServer>, IAsyncDisposable
{
    private readonly List<ConnectionMultiplexer> _connections = [];

    private protected override async Task<(IPreparedTurnStore Turns, IIdempotencyStore Idempotency)[]> OpenAsync(TimeSpan lease)
    {
        redis.SkipIfMissing();
        var prefix = "rapport:t:" + Guid.NewGuid().ToString("N")[..8];
        var views = new List<(IPreparedTurnStore, IIdempotencyStore)>();
        for (var i = 0; i < 2; i++)
        {
            var connection = await redis.ConnectAsync();
            _connections.Add(connection);
            views.Add((new RedisPreparedTurnStore(connection, prefix, TimeSpan.FromMinutes(30)),
                new RedisIdempotencyStore(connection, prefix, lease, TimeSpan.FromHours(24))));
        }

        return [.. views];
    }

    protected override Task PassLeaseAsync(TimeSpan lease) => Task.Delay(lease + TimeSpan.FromMilliseconds(50), Ct);

    // Redis expires the claim on its own clock: with 300 ms, a loaded machine pausing that long between the claim and the check
    // that it is still held would see it expired (and fail); 3 s costs one wait of 3 s.
    protected override TimeSpan ShortLease => TimeSpan.FromSeconds(3);

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }
}
