using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rapport.Configuration;
using Rapport.Embeddings.Onnx;
using Rapport.Memory;
using Rapport.Redis;
using Rapport.Search;
using Rapport.SelfImprovement;
using Rapport.Sqlite;
using Rapport.Storage;
using Rapport.Telemetry;

namespace Rapport.Server.Hosting;

/// <summary>The one place the server configures Rapport: options, embedder, and each tenant's store, memory and loop.</summary>
/// <remarks>Every tenant gets its own store (a SQLite file, or a Redis key prefix) over the one shared embedder.</remarks>
internal sealed class ServerRapport : IDisposable
{
    private readonly RapportServerOptions _server;
    private readonly ServerStore _store;
    private readonly ILoggerFactory _logs;
    private readonly Lazy<IEmbeddingGenerator<string, Embedding<float>>> _embedder;

    // One bound for every tenant's cache: a cache per tenant with its own bound would let a server of many tenants grow
    // by that bound per tenant.
    private readonly VectorCacheBudget _cache;

    public ServerRapport(RapportServerOptions server, ILoggerFactory logs, ServerRedis? redis)
    {
        _server = server;
        _cache = new VectorCacheBudget(server.CacheMaxBytes);
        _store = ServerStore.From(server);
        Redis = redis;
        _logs = logs;
        Privacy = TelemetryPrivacy.FromOptions(Options(null).Telemetry, server.ResolvedHome);
        _embedder = new(() => Options(null).OpenEmbedder(server.ResolvedHome, logs).WithTracing(Privacy, logs));
    }

    /// <summary>Gets what spans may carry.</summary>
    public TelemetryPrivacy Privacy { get; }

    /// <summary>Gets the shared embedder, loading it on first use.</summary>
    public IEmbeddingGenerator<string, Embedding<float>> Embedder => _embedder.Value;

    /// <summary>Gets whether the embedder is loaded.</summary>
    public bool EmbedderLoaded => _embedder.IsValueCreated;

    /// <summary>Gets the server's one Redis connection, or <see langword="null"/> on SQLite.</summary>
    public ServerRedis? Redis { get; }

    /// <summary>Gets where the data lives.</summary>
    public ServerStore Store => _store;

    /// <summary>Opens a tenant's memory service and loop through <c>AddRapport</c>, Rapport's one composition root.</summary>
    /// <remarks>
    /// Each tenant gets its own service provider: its own store (a SQLite file or a Redis key prefix), memory and loop,
    /// over the one shared embedder and clock registered into it. Disposing the returned provider closes the store.
    /// </remarks>
    public (RapportMemory Memory, RapportLoop Loop, IAsyncDisposable Owner) OpenTenant(string tenant)
    {
        var location = StoreLocation.Parse(_store.TenantLocation(tenant));
        if (location.Scheme == "sqlite")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(location.Target)!);
        }

        var services = new ServiceCollection();
        services.AddSingleton(_server.TimeProvider);
        services.AddSingleton(_logs);
        services.AddSingleton(Embedder);
        services.AddSingleton(Privacy);
        services.AddRapport(options => Configure(options, tenant, _store.TenantLocation(tenant))).AddScorers();
        // Expired memories are hidden at once but only a purge removes their bytes: each tenant's store gets the core's purger, started here
        // (first purge now, then every PurgeInterval) and stopped when the tenant's provider is disposed with the server.
        services.AddSingleton(sp => new ExpiredMemoryPurger(sp.GetRequiredService<IMemoryStore>(), _server.TimeProvider, _logs.CreateLogger<ExpiredMemoryPurger>())
        {
            Interval = _server.PurgeInterval,
        });
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        _ = provider.GetRequiredService<ExpiredMemoryPurger>().StartAsync(CancellationToken.None);
        return (provider.GetRequiredService<RapportMemory>(), provider.GetRequiredService<RapportLoop>(), provider);
    }

    private void Configure(RapportOptions options, string? tenant, string? store)
    {
        options.Home = _server.Home;
        options.Embedder = _server.Embedder;
        options.Store = store;
        options.VectorCache.Budget = _cache;
        options.VectorCache.Precision = _server.CachePrecision;
        var prefix = tenant is null ? ServerStore.RedisPrefix : ServerStore.TenantPrefix(tenant);
        options.UseSqlite()
            .UseRedis(configure: redis =>
            {
                redis.KeyPrefix = prefix;
                redis.Budget = _server.RedisBudget;
            })
            .UseLocalEmbeddings();
        if (Redis is { } shared)
        {
            // Every tenant's store on the process's one connection (a connection per tenant would not scale with tenants).
            options.StoreProviders[RapportOptionsRedisExtensions.Scheme] = context => RedisMemoryStore.Open(
                shared.Connection, new RedisStoreOptions
                {
                    Configuration = context.Location.Target,
                    KeyPrefix = prefix,
                    Budget = _server.RedisBudget,
                    CachePrecision = context.VectorCache.Precision,
                    CacheBudget = context.VectorCache.Budget,
                },
                context.Home, context.TimeProvider, context.LoggerFactory);
        }
    }

    private RapportOptions Options(string? tenant)
    {
        var options = new RapportOptions();
        Configure(options, tenant, null);
        options.Validate();
        return options;
    }

    public void Dispose()
    {
        if (_embedder.IsValueCreated)
        {
            _embedder.Value.Dispose();
        }
    }
}
