using Rapport.Memory;

namespace Rapport.Redis;

/// <summary>Options of the Redis store.</summary>
/// <remarks>Validated when the store opens; an invalid value throws an <see cref="ArgumentException"/> naming it.</remarks>
public sealed class RedisStoreOptions
{
    /// <summary>Gets or sets the StackExchange.Redis configuration: <c>host:port</c>, several comma-separated endpoints for a cluster, and options.</summary>
    /// <value>The default is <c>localhost:6379</c>.</value>
    /// <remarks>Not used when the store opens on a connection the host already has (it still must not be empty).</remarks>
    public string Configuration { get; set; } = "localhost:6379";

    /// <summary>Gets or sets the prefix of every key, so that several deployments (or tests) can share one Redis.</summary>
    /// <value>The default is <c>rapport</c>. Accepted: <see cref="MemoryIds.Accepted"/>.</value>
    public string KeyPrefix { get; set; } = "rapport";

    /// <summary>Gets or sets the most an agent-facing call (record, search, get, list, profile) waits for memory.</summary>
    /// <value>The default is 250 milliseconds.</value>
    /// <remarks>
    /// A write that cannot reach Redis within the budget goes to the local outbox; a read returns an empty result.
    /// The Redis attempt gets 60% of the budget so that the outbox write (one durable SQLite insert) fits in the rest.
    /// </remarks>
    public TimeSpan Budget { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Gets or sets the timeout of maintenance calls (forget, purge, store-wide statistics), which never degrade.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan MaintenanceTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long Redis keeps a record after it expires by the store's clock, before its TTL removes it.</summary>
    /// <value>The default is 1 hour.</value>
    /// <remarks>An expired record is invisible at once; the grace only lets <c>PurgeExpiredAsync</c> count what it removes.</remarks>
    public TimeSpan ExpiryGrace { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the outbox file, or <see langword="null"/> for <c>&lt;home&gt;/redis-outbox-&lt;hash of the endpoints, database and key prefix&gt;.db</c> (not of the password, so a write queued under a wrong password is replayed once it is corrected).</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? OutboxPath { get; set; }

    /// <summary>Gets or sets how often a pending outbox is retried while Redis is unreachable.</summary>
    /// <value>The default is 500 milliseconds. A restored connection triggers a retry at once.</value>
    public TimeSpan ReplayInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets or sets whether a read that cannot reach Redis within the budget returns an empty result (an agent's turn
    /// goes on without memory) or throws <see cref="Storage.MemoryStoreException"/> saying Redis is unreachable.</summary>
    /// <value>The default is <see langword="true"/> (degrade). A command-line tool sets it to <see langword="false"/>, so that an
    /// outage is never reported as "no memories".</value>
    public bool DegradeReads { get; set; } = true;

    /// <summary>Gets or sets how long opening the store waits for a first connection (it opens regardless).</summary>
    /// <value>The default is 2 seconds.</value>
    /// <remarks>Not used when the store opens on a connection the host already has.</remarks>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets the most bytes of users' vector snapshots this process caches (estimated); least recently used go first.</summary>
    /// <value>The default is 256 MiB (<see cref="Search.UserVectorCache.DefaultMaxBytes"/>): about 150 users of 1,000 memories
    /// of 384 dimensions, or 15 of 10,000 (docs/scale.md).</value>
    public long CacheMaxBytes { get; set; } = Search.UserVectorCache.DefaultMaxBytes;

    /// <summary>Gets or sets how cached snapshots hold their vectors.</summary>
    /// <value>The default is <see cref="Search.VectorPrecision.Full"/> (exact scan). <see cref="Search.VectorPrecision.Compact"/> holds
    /// about 1.5 times as many users of the benchmark's memories in <see cref="CacheMaxBytes"/> (more when texts are short); each search reads its candidates'
    /// records (50 instead of the 10 hits) and re-scores them exactly (docs/scale.md).</value>
    public Search.VectorPrecision CachePrecision { get; set; } = Search.VectorPrecision.Full;

    /// <summary>Gets or sets one bound shared with the caches of other stores in this process (a server's tenants).</summary>
    /// <value>The default is <see langword="null"/>: the store's cache has its own bound, <see cref="CacheMaxBytes"/>.</value>
    public Search.VectorCacheBudget? CacheBudget { get; set; }

    /// <summary>Creates the StackExchange.Redis configuration the store sets for a connection it opens itself.</summary>
    /// <remarks>For hosts that open one connection and share it among several stores (the server: one per process, a store per
    /// tenant): no command backlog while disconnected, reconnect every 250 ms, so the outbox keeps writes in order.</remarks>
    /// <exception cref="Rapport.Storage.MemoryStoreException"><see cref="Configuration"/> cannot be parsed.</exception>
    public StackExchange.Redis.ConfigurationOptions ToConnectionOptions() => Internal.RedisConnectionSettings.From(this);

    /// <summary>Throws unless every option is usable.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Configuration))
        {
            throw new ArgumentException("The Redis configuration is empty: use host:port.", nameof(Configuration));
        }

        Internal.RedisEndpoints.Validate(Configuration);
        if (!MemoryIds.IsValid(KeyPrefix))
        {
            throw new ArgumentException($"Invalid key prefix '{KeyPrefix}': use {MemoryIds.Accepted}.", nameof(KeyPrefix));
        }

        Positive(Budget, TimeSpan.FromMinutes(1), nameof(Budget));
        Positive(MaintenanceTimeout, TimeSpan.FromHours(1), nameof(MaintenanceTimeout));
        Positive(ReplayInterval, TimeSpan.FromMinutes(10), nameof(ReplayInterval));
        Positive(ConnectTimeout, TimeSpan.FromMinutes(5), nameof(ConnectTimeout));
        if (CacheMaxBytes < 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(CacheMaxBytes), CacheMaxBytes, "The cache bound must be at least 1 MiB (1048576 bytes).");
        }

        if (!Enum.IsDefined(CachePrecision))
        {
            throw new ArgumentOutOfRangeException(nameof(CachePrecision), CachePrecision, "Unknown cache precision: use Full or Compact.");
        }

        if (ExpiryGrace < TimeSpan.Zero || ExpiryGrace > TimeSpan.FromDays(30))
        {
            throw new ArgumentOutOfRangeException(nameof(ExpiryGrace), ExpiryGrace, "The expiry grace must be 0 to 30 days.");
        }
    }

    private static void Positive(TimeSpan value, TimeSpan max, string name)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be more than zero and at most {max}.");
        }
    }
}
