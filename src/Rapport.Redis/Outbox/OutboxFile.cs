using System.Security.Cryptography;
using System.Text;
using Rapport.Storage;

namespace Rapport.Redis.Outbox;

/// <summary>Where a store's outbox lives, and opening it with one clear error.</summary>
internal static class OutboxFile
{
    /// <summary>Opens <see cref="RedisStoreOptions.OutboxPath"/>, or <c>&lt;home&gt;/redis-outbox-&lt;hash&gt;.db</c> named from the connection and prefix.</summary>
    /// <param name="options">The store options.</param>
    /// <param name="home">The data folder.</param>
    /// <param name="configuration">The connection's configuration string (part of the default file name).</param>
    /// <exception cref="MemoryStoreException">The file cannot be opened.</exception>
    public static SqliteOutbox Open(RedisStoreOptions options, string home, string configuration)
    {
        var path = options.OutboxPath ?? DefaultPath(home, configuration, options.KeyPrefix);
        try
        {
            return new SqliteOutbox(path);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new MemoryStoreException($"Cannot open the Redis store's outbox at '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>Names the outbox from where its entries go (the endpoints, the database and the key prefix), never from the
    /// password or the connection's other settings: a write queued under a wrong password is replayed once the password is
    /// corrected, because the corrected configuration names the same file.</summary>
    internal static string DefaultPath(string home, string configuration, string keyPrefix)
    {
        var path = Path.Combine(home, $"redis-outbox-{Hash(Target(configuration) + "|" + keyPrefix)}.db");
        // Before this naming the whole configuration string was hashed: an outbox of that name (same configuration) moves here.
        var old = Path.Combine(home, $"redis-outbox-{Hash(configuration + "|" + keyPrefix)}.db");
        if (old != path && File.Exists(old) && !File.Exists(path))
        {
            foreach (var suffix in (string[])["-wal", "-shm"])
            {
                if (File.Exists(old + suffix))
                {
                    File.Move(old + suffix, path + suffix);
                }
            }

            File.Move(old, path);
        }

        return path;
    }

    /// <summary>The endpoints (sorted), the service name and the database of <paramref name="configuration"/>.</summary>
    internal static string Target(string configuration)
    {
        StackExchange.Redis.ConfigurationOptions parsed;
        try
        {
            parsed = StackExchange.Redis.ConfigurationOptions.Parse(configuration, ignoreUnknown: true);
        }
        catch (ArgumentException)
        {
            return configuration;
        }

        var endpoints = parsed.EndPoints.Select(Internal.RedisEndpoints.Describe).Order(StringComparer.OrdinalIgnoreCase);
        return string.Join(",", endpoints) + "|" + parsed.ServiceName + "|" + parsed.DefaultDatabase;
    }

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
}
