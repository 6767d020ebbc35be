using System.Collections.Concurrent;
using Rapport.Evaluation.Runs;
using Rapport.Server.Hosting;
using Rapport.Server.Tenants;

namespace Rapport.Server.Evaluations;

/// <summary>Each tenant's evaluation runs, in the store in use: a SQLite file per tenant (<c>tenants/&lt;tenant&gt;/evaluations.db</c>), or the
/// tenant's prefix on the server's Redis; so every instance, and the dashboard, sees the same runs, and no tenant sees another's.</summary>
internal sealed class EvaluationRunStores(ServerRapport rapport) : IAsyncDisposable
{
    /// <summary>The runs file's name in a tenant's SQLite folder.</summary>
    public const string FileName = "evaluations.db";

    private readonly ConcurrentDictionary<string, Lazy<IEvaluationRunStore>> _stores = new(StringComparer.Ordinal);

    /// <summary>Gets the tenant's run store, opening it on first use.</summary>
    public IEvaluationRunStore Get(string tenant)
    {
        TenantRegistry.Validate(tenant);
        return _stores.GetOrAdd(tenant, t => new Lazy<IEvaluationRunStore>(() => Open(t))).Value;
    }

    private IEvaluationRunStore Open(string tenant) =>
        rapport.Redis is null
            ? SqliteEvaluationRunStore.Open(Path.Combine(rapport.Store.Root, "tenants", tenant, FileName))
            : new RedisEvaluationRunStore(rapport.Redis.Connection, ServerStore.TenantPrefix(tenant));

    /// <summary>Closes the SQLite run stores; the Redis connection is the server's, closed by the app.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores.Values.Where(s => s.IsValueCreated).Select(s => s.Value))
        {
            if (store is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
