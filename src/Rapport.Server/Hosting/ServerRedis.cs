using Rapport.Redis;
using StackExchange.Redis;

namespace Rapport.Server.Hosting;

/// <summary>The server's one Redis connection, shared by the key store, every tenant's memory store and the shared turn and
/// idempotency records (tenants stay apart by key prefix).</summary>
/// <remarks>Opened with the settings the Redis store uses for its own connections; disposed by the app after the tenants' stores
/// (which flush their outboxes through it) are closed.</remarks>
internal sealed class ServerRedis(IConnectionMultiplexer connection) : IAsyncDisposable
{
    /// <summary>Gets the connection.</summary>
    public IConnectionMultiplexer Connection { get; } = connection;

    /// <summary>Connects to the server's Redis, or returns <see langword="null"/> on SQLite.</summary>
    public static async Task<ServerRedis?> OpenAsync(ServerStore store)
    {
        if (store.Redis is null)
        {
            return null;
        }

        var options = new RedisStoreOptions { Configuration = store.Redis }.ToConnectionOptions();
        options.ClientName = "rapport-server";
        return new ServerRedis(await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await Connection.DisposeAsync().ConfigureAwait(false);
}
