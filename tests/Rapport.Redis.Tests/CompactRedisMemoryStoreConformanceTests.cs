using Rapport.Redis.Tests.Fixtures;
using Rapport.Search;
using Rapport.Storage;
using Rapport.Storage.Conformance;

namespace Rapport.Redis.Tests;

/// <summary>Runs the store conformance suite on Redis with compact cached vectors (int8 scan, exact re-score from the values read).</summary>
public sealed class CompactRedisMemoryStoreConformanceTests(RedisServerFixture server)
    : MemoryStoreConformanceTests, IClassFixture<RedisServerFixture>
{
    private readonly TestStoreFactory _stores = new();

    protected override Task<IMemoryStore> CreateStoreAsync(TimeProvider time)
    {
        server.SkipIfUnavailable();
        return Task.FromResult<IMemoryStore>(_stores.Open(server.Configuration, time, o => o.CachePrecision = VectorPrecision.Compact));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _stores.Dispose();
    }
}
