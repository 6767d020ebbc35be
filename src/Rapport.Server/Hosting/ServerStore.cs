using Rapport.Configuration;

namespace Rapport.Server.Hosting;

/// <summary>Where the server keeps its data: SQLite files under a folder, or one Redis.</summary>
/// <param name="Root">The folder of <c>keys.db</c> and <c>tenants/&lt;tenant&gt;/rapport.db</c> (SQLite), or the data folder (Redis).</param>
/// <param name="Redis">The Redis configuration, or <see langword="null"/> for SQLite.</param>
/// <param name="DevLocation">Where tenant <c>dev</c> lives in dev mode when not under <paramref name="Root"/>, or <see langword="null"/>.</param>
internal sealed record ServerStore(string Root, string? Redis, string? DevLocation = null)
{
    /// <summary>The base key prefix on Redis; a tenant's records live under <c>rapport:t:&lt;tenant&gt;</c>.</summary>
    public const string RedisPrefix = "rapport";

    /// <summary>Resolves the server's store from its options.</summary>
    public static ServerStore From(RapportServerOptions options)
    {
        var home = options.ResolvedHome;
        if (options.DevStore is not null)
        {
            return new ServerStore(home, null, options.DevStore);
        }

        if (options.Store is null || options.Store.Equals("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            return new ServerStore(home, null);
        }

        var location = StoreLocation.Parse(options.Store);
        return location.Scheme == "redis"
            ? new ServerStore(home, location.Target)
            : new ServerStore(Path.GetFullPath(RapportPaths.ExpandTilde(location.Target)), null);
    }

    /// <summary>Gets the store location of one tenant's memories.</summary>
    public string TenantLocation(string tenant) =>
        DevLocation is not null && tenant == Keys.Caller.Dev.Tenant ? DevLocation : Redis is null ? "sqlite:" + Path.Combine(Root, "tenants", tenant, RapportPaths.DefaultDatabaseFile) : "redis:" + Redis;

    /// <summary>Gets a tenant's Redis key prefix.</summary>
    public static string TenantPrefix(string tenant) => $"{RedisPrefix}:t:{tenant}";

    /// <inheritdoc />
    public override string ToString() => Redis is null ? $"sqlite:{Root} (a file per tenant)" : $"redis:{Redis}";
}
