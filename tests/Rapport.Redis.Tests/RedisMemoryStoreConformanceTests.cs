using Rapport.Redis.Tests.Fixtures;
using Rapport.Storage;
using Rapport.Storage.Conformance;

namespace Rapport.Redis.Tests;

/// <summary>Runs the store conformance suite on a private single redis-server; each test has its own key prefix.</summary>
public sealed class RedisMemoryStoreConformanceTests(RedisServerFixture server)
    : MemoryStoreConformanceTests, IClassFixture<RedisServerFixture>
{
    private readonly TestStoreFactory _stores = new();

    protected override Task<IMemoryStore> CreateStoreAsync(TimeProvider time)
    {
        server.SkipIfUnavailable();
        return Task.FromResult<IMemoryStore>(_stores.Open(server.Configuration, time));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _stores.Dispose();
    }
}
