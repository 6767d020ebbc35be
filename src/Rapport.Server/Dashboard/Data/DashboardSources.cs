using Rapport.Evaluation.Runs;
using Rapport.OpenTelemetry.LocalTraces;
using Rapport.Server.Hosting;
using Rapport.Server.Keys;
using Rapport.Server.Tenants;

namespace Rapport.Server.Dashboard.Data;

/// <summary>Where each view's data comes from: the tenants' memory services, evaluation runs, the local trace store and the demo's results.</summary>
/// <remarks>
/// The one place that knows the data folder's layout for the dashboard, so a change of where runs live (in the store, for several
/// instances) is a change here. Traces are kept per server for every tenant, so only admin keys see them.
/// </remarks>
internal sealed class DashboardSources(
    RapportServerOptions options, TenantRegistry tenants, IApiKeyStore keys, ServerRapport rapport, Rapport.OpenTelemetry.Hosting.RapportTelemetryHost telemetry,
    Rapport.Server.Evaluations.EvaluationRunStores runs) : IDisposable
{

    /// <summary>Gets the server's options.</summary>
    public RapportServerOptions Options => options;

    /// <summary>Gets the local trace store, or <see langword="null"/> when the server keeps no local traces.</summary>
    public LocalTraceStore? Traces => telemetry.Traces;

    /// <summary>Gets the server's telemetry (its trace store, and forgetting a user's traces after a flush).</summary>
    public Rapport.OpenTelemetry.Hosting.RapportTelemetryHost Telemetry => telemetry;

    /// <summary>Gets whether spans keep user text (the operator opted in).</summary>
    public bool TraceTextKept => rapport.Privacy.IncludeSensitiveData;

    /// <summary>Gets the user-id hasher of the data folder (to forget a user's traces).</summary>
    public Rapport.Telemetry.UserIdPseudonymizer Pseudonymizer => rapport.Privacy.Pseudonymizer;

    /// <summary>Gets the embedder in use.</summary>
    public static string Embedder(TenantScope scope) => scope.Memory.EmbeddingModel;

    /// <summary>Gets a tenant's namespace.</summary>
    public TenantScope Scope(string tenant) => tenants.Get(tenant);

    /// <summary>Lists the tenants an admin may pick: those with keys, with data under the data folder, and <c>dev</c> in dev mode.</summary>
    public async Task<IReadOnlyList<string>> TenantsAsync(CancellationToken cancellationToken)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in await keys.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            names.Add(key.Tenant);
        }

        var folder = Path.Combine(rapport.Store.Root, "tenants");
        if (rapport.Store.Redis is null && Directory.Exists(folder))
        {
            foreach (var dir in Directory.EnumerateDirectories(folder))
            {
                var name = Path.GetFileName(dir);
                if (TenantValid(name))
                {
                    names.Add(name);
                }
            }
        }

        if (options.Dev)
        {
            names.Add(Caller.Dev.Tenant);
        }

        return [.. names];
    }

    /// <summary>Gets whether the tenant is the data folder's own store (<c>rapport dashboard</c>): then the CLI's runs and the demo's results are its.</summary>
    public bool IsDataFolderTenant(string tenant) => options.Dev && options.DevStore is not null && tenant == Caller.Dev.Tenant;

    /// <summary>Gets the tenant's evaluation runs: the CLI's runs for the data folder's own tenant, else the runs <c>/v1/evaluations</c>
    /// keeps in the store in use (so every instance shows the same ones).</summary>
    public IEvaluationRunStore Runs(string tenant) => IsDataFolderTenant(tenant)
        ? FileEvaluationRunStore.InHome(options.ResolvedHome)
        : runs.Get(tenant);

    /// <summary>Gets the folder of the demo's runs for this tenant, or <see langword="null"/> (only the data folder's tenant has them).</summary>
    public string? DemoFolder(string tenant) => IsDataFolderTenant(tenant) ? Path.Combine(options.ResolvedHome, "demo") : null;

    private static bool TenantValid(string name)
    {
        try
        {
            TenantRegistry.Validate(name);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Nothing to close: the trace store is the telemetry host's, closed with the server.</summary>
    public void Dispose()
    {
    }
}
