namespace Rapport.Redis.Tests.Fixtures;

/// <summary>Opens store instances for one test: a key prefix and a data folder (for the outbox) of its own.</summary>
/// <remarks>The conformance suite checks semantics, not speed: a generous budget keeps a loaded machine from degrading reads.</remarks>
public sealed class TestStoreFactory : IDisposable
{
    public string Prefix { get; } = "t" + Guid.NewGuid().ToString("N")[..16];

    public string Home { get; } = Directory.CreateTempSubdirectory("rapport-redis-home-").FullName;

    public RedisMemoryStore Open(
        string configuration, TimeProvider? time = null, Action<RedisStoreOptions>? configure = null, Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
    {
        var options = new RedisStoreOptions
        {
            Configuration = configuration,
            KeyPrefix = Prefix,
            Budget = TimeSpan.FromSeconds(20),
        };
        configure?.Invoke(options);
        return RedisMemoryStore.Open(options, Home, time, loggerFactory);
    }

    /// <summary>Opens a store on a connection the test owns (the store must leave it open).</summary>
    public RedisMemoryStore Open(StackExchange.Redis.IConnectionMultiplexer connection, TimeProvider? time = null)
    {
        var options = new RedisStoreOptions { KeyPrefix = Prefix, Budget = TimeSpan.FromSeconds(20) };
        return RedisMemoryStore.Open(connection, options, Home, time);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Home, recursive: true);
    }
}
