using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Rapport.Server.Hosting;
using Rapport.Server.State;

namespace Rapport.Server.Tenants;

/// <summary>Opens each tenant's namespace on first use and keeps it for the life of the server.</summary>
internal sealed partial class TenantRegistry(ServerRapport rapport, RapportServerOptions options) : IAsyncDisposable
{
    /// <summary>The accepted form of a tenant name.</summary>
    public const string Accepted = "1-64 characters of lowercase ASCII letters, digits, - and _, starting with a letter or digit";

    private readonly ConcurrentDictionary<string, Lazy<TenantScope>> _tenants = new(StringComparer.Ordinal);

    /// <summary>Gets the tenant's scope, opening its store on first use.</summary>
    /// <exception cref="ArgumentException">The name is not a valid tenant name.</exception>
    public TenantScope Get(string tenant)
    {
        Validate(tenant);
        return _tenants.GetOrAdd(tenant, t => new Lazy<TenantScope>(() => Open(t))).Value;
    }

    /// <summary>Gets the tenants opened so far.</summary>
    public IEnumerable<TenantScope> Open() => _tenants.Values.Where(l => l.IsValueCreated).Select(l => l.Value);

    /// <summary>Throws unless <paramref name="tenant"/> is a valid tenant name.</summary>
    public static string Validate(string? tenant) =>
        tenant is not null && TenantName().IsMatch(tenant)
            ? tenant
            : throw new ArgumentException($"Invalid tenant '{tenant}': use {Accepted}.", nameof(tenant));

    private TenantScope Open(string tenant)
    {
        var (memory, loop, owner) = rapport.OpenTenant(tenant);
        var (turns, idempotency) = TenantStateStores.Open(tenant, rapport.Store, rapport.Redis, options);
        return new TenantScope(tenant, memory, loop, owner, turns, idempotency);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in Open().ToList())
        {
            await scope.DisposeAsync().ConfigureAwait(false);
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex TenantName();
}
