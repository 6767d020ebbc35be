using Rapport.Server.Hosting;

namespace Rapport.Server.State;

/// <summary>Opens a tenant's prepared turns and <c>Idempotency-Key</c> records in the store in use: the tenant's <c>server.db</c>
/// on SQLite, keys under the tenant's prefix on the server's one Redis connection.</summary>
internal static class TenantStateStores
{
    /// <summary>Opens both for a tenant.</summary>
    public static (IPreparedTurnStore Turns, IIdempotencyStore Idempotency) Open(
        string tenant, ServerStore store, ServerRedis? redis, RapportServerOptions options)
    {
        if (redis is not null)
        {
            var prefix = ServerStore.TenantPrefix(tenant);
            return (new RedisPreparedTurnStore(redis.Connection, prefix, options.PreparedTurnLifetime),
                new RedisIdempotencyStore(redis.Connection, prefix, options.IdempotencyLease, options.IdempotencyLifetime));
        }

        var file = SqliteStateFile.Open(Path.Combine(store.Root, "tenants", tenant, SqliteStateFile.FileName));
        return (new SqlitePreparedTurnStore(file, options.PreparedTurnsPerTenant, options.PreparedTurnLifetime, options.TimeProvider),
            new SqliteIdempotencyStore(file, options.IdempotencyLease, options.IdempotencyLifetime, options.TimeProvider));
    }
}
