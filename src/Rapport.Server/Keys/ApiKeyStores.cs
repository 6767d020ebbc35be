using Rapport.Server.Hosting;

namespace Rapport.Server.Keys;

/// <summary>Opens the key store that goes with the server's store.</summary>
public static class ApiKeyStores
{
    /// <summary>The key file's name in the SQLite folder.</summary>
    public const string FileName = "keys.db";

    /// <summary>Opens <c>keys.db</c> in the SQLite folder, or the key hash on Redis.</summary>
    public static async Task<IApiKeyStore> OpenAsync(RapportServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var store = ServerStore.From(options);
        return store.Redis is null
            ? SqliteApiKeyStore.Open(Path.Combine(store.Root, FileName))
            : await RedisApiKeyStore.OpenAsync(store.Redis, ServerStore.RedisPrefix).ConfigureAwait(false);
    }

    /// <summary>Opens the key store on the server's own Redis connection when it has one.</summary>
    internal static IApiKeyStore Open(ServerStore store, ServerRedis? redis) =>
        redis is null
            ? SqliteApiKeyStore.Open(Path.Combine(store.Root, FileName))
            : RedisApiKeyStore.On(redis.Connection, ServerStore.RedisPrefix);
}
