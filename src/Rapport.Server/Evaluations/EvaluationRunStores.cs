using System.Collections.Concurrent;
using Rapport.Evaluation.Runs;
using Rapport.Server.Hosting;
using Rapport.Server.Tenants;
using StackExchange.Redis;

namespace Rapport.Server.Evaluations;

/// <summary>Each tenant's evaluation runs, in the store in use: a SQLite file per tenant (<c>tenants/&lt;tenant&gt;/evaluations.db</c>), or the
/// tenant's prefix on the server's Redis; so every instance, and the dashboard, sees the same runs, and no tenant sees another's.</summary>
internal sealed class EvaluationRunStores(ServerRapport rapport) : IAsyncDisposable
{
    /// <summary>The runs file's name in a tenant's SQLite folder.</summary>
    public const string FileName = "evaluations.db";

    private readonly ConcurrentDictionary<string, Lazy<IEvaluationRunStore>> _stores = new(StringComparer.Ordinal);
    private readonly Lazy<ConnectionMultiplexer>? _redis = rapport.Store.Redis is { } configuration ? new(() => Connect(configuration)) : null;

    /// <summary>Gets the tenant's run store, opening it on first use.</summary>
    public IEvaluationRunStore Get(string tenant)
    {
        TenantRegistry.Validate(tenant);
        return _stores.GetOrAdd(tenant, t => new Lazy<IEvaluationRunStore>(() => Open(t))).Value;
    }

    private IEvaluationRunStore Open(string tenant) =>
        _redis is null
            ? SqliteEvaluationRunStore.Open(Path.Combine(rapport.Store.Root, "tenants", tenant, FileName))
            : new RedisEvaluationRunStore(_redis.Value, ServerStore.TenantPrefix(tenant));

    private static ConnectionMultiplexer Connect(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        return ConnectionMultiplexer.Connect(options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is { IsValueCreated: true })
        {
            await _redis.Value.DisposeAsync().ConfigureAwait(false);
        }
    }
}
