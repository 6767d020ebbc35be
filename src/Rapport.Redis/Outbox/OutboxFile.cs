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
        var path = options.OutboxPath ?? Path.Combine(home, $"redis-outbox-{Hash(configuration + "|" + options.KeyPrefix)}.db");
        try
        {
            return new SqliteOutbox(path);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new MemoryStoreException($"Cannot open the Redis store's outbox at '{path}': {ex.Message}", ex);
        }
    }

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
}
