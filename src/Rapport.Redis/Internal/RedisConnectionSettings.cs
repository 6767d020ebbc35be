using Rapport.Storage;
using StackExchange.Redis;

namespace Rapport.Redis.Internal;

/// <summary>The StackExchange.Redis configuration of a connection the store opens itself.</summary>
internal static class RedisConnectionSettings
{
    /// <summary>Parses <see cref="RedisStoreOptions.Configuration"/> and sets what the store's outage handling relies on.</summary>
    /// <exception cref="MemoryStoreException">The configuration cannot be parsed.</exception>
    public static ConfigurationOptions From(RedisStoreOptions options)
    {
        ConfigurationOptions configuration;
        try
        {
            configuration = ConfigurationOptions.Parse(options.Configuration);
        }
        catch (ArgumentException ex)
        {
            throw new MemoryStoreException($"Invalid Redis configuration '{options.Configuration}': {ex.Message} Use host:port.", ex);
        }

        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = (int)options.ConnectTimeout.TotalMilliseconds;
        configuration.SyncTimeout = configuration.AsyncTimeout = (int)options.MaintenanceTimeout.TotalMilliseconds;
        // Fail at once while disconnected instead of queueing: the outbox keeps writes in order, a hidden backlog would not.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ReconnectRetryPolicy = new LinearRetry(250);
        configuration.ClientName ??= "rapport";
        return configuration;
    }
}
