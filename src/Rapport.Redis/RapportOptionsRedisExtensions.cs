using Rapport.Configuration;

namespace Rapport.Redis;

/// <summary>Registers the Redis store with <see cref="RapportOptions"/>.</summary>
public static class RapportOptionsRedisExtensions
{
    /// <summary>The scheme of Redis store locations: <c>redis:&lt;host&gt;:&lt;port&gt;</c>.</summary>
    public const string Scheme = "redis";

    /// <summary>Registers the <c>redis:</c> provider and, when <paramref name="configuration"/> is given, selects that server.</summary>
    /// <param name="options">The options to extend.</param>
    /// <param name="configuration"><c>host:port</c> (or a StackExchange.Redis configuration string), or <see langword="null"/> to keep the configured store.</param>
    /// <param name="configure">Adjusts the store options (budget, prefix, outbox) after the location is applied.</param>
    /// <remarks>With the provider registered, <c>RAPPORT_STORE=redis:host:port</c> or <c>--store redis:host:port</c> selects Redis.</remarks>
    public static RapportOptions UseRedis(this RapportOptions options, string? configuration = null, Action<RedisStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.StoreProviders[Scheme] = context =>
        {
            var redis = new RedisStoreOptions
            {
                Configuration = context.Location.Target,
                CacheMaxBytes = context.VectorCache.MaxBytes,
                CachePrecision = context.VectorCache.Precision,
                CacheBudget = context.VectorCache.Budget,
            };
            configure?.Invoke(redis);
            return RedisMemoryStore.Open(redis, context.Home, context.TimeProvider, context.LoggerFactory);
        };
        if (configuration is not null)
        {
            options.Store = $"{Scheme}:{configuration}";
        }

        return options;
    }
}
