using Rapport.Redis.Tests.Fixtures;
using Rapport.Storage;
using Rapport.Storage.Conformance;
using StackExchange.Redis;

namespace Rapport.Redis.Tests;

/// <summary>Runs the store conformance suite with every store of a test opened on one connection the test owns.</summary>
/// <remarks>The stores of a test are disposed before the connection, so a store that closed the host's connection would fail the next one.</remarks>
public sealed class RedisSharedConnectionConformanceTests(RedisServerFixture server)
    : MemoryStoreConformanceTests, IClassFixture<RedisServerFixture>
{
    private readonly TestStoreFactory _stores = new();
    private ConnectionMultiplexer? _connection;

    protected override async Task<IMemoryStore> CreateStoreAsync(TimeProvider time)
    {
        server.SkipIfUnavailable();
        _connection ??= await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        return _stores.Open(_connection, time);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_connection is not null)
        {
            Assert.True(_connection.IsConnected, "Disposing the stores closed the connection they were given.");
            await _connection.DisposeAsync();
        }

        _stores.Dispose();
    }
}
