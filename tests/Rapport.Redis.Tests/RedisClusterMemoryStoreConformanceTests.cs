using Rapport.Redis.Tests.Fixtures;
using Rapport.Storage;
using Rapport.Storage.Conformance;

namespace Rapport.Redis.Tests;

/// <summary>Runs the store conformance suite on a private 3-master Redis Cluster; each test has its own key prefix.</summary>
public sealed class RedisClusterMemoryStoreConformanceTests(RedisClusterFixture cluster)
    : MemoryStoreConformanceTests, IClassFixture<RedisClusterFixture>
{
    private readonly TestStoreFactory _stores = new();

    protected override Task<IMemoryStore> CreateStoreAsync(TimeProvider time)
    {
        cluster.SkipIfUnavailable();
        return Task.FromResult<IMemoryStore>(_stores.Open(cluster.Configuration, time));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _stores.Dispose();
    }
}
