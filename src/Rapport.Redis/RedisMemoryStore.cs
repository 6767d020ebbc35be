using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rapport.Learning;
using Rapport.Memory;
using Rapport.Redis.Internal;
using Rapport.Redis.Operations;
using Rapport.Redis.Outbox;
using Rapport.Redis.Resilience;
using Rapport.Redis.Topology;
using Rapport.Search;
using Rapport.Storage;
using StackExchange.Redis;

namespace Rapport.Redis;

/// <summary>An <see cref="IMemoryStore"/> on Redis (6.2+, plain or Cluster), shared by any number of processes.</summary>
/// <remarks>
/// <para>
/// Key schema: see <see cref="RedisKeys"/> and docs/architecture.md. Every key of a user carries the hash tag
/// <c>{user}</c>, so a user's data sits in one cluster slot and every per-user write is one atomic Lua script.
/// </para>
/// <para>
/// Time: a record is invisible once its <c>ExpiresAt</c> is at or before the store's <see cref="TimeProvider"/>;
/// Redis TTLs (expiry plus <see cref="RedisStoreOptions.ExpiryGrace"/>) remove it physically, and
/// <see cref="PurgeExpiredAsync"/> removes what the clock says has expired, with its index entries.
/// </para>
/// <para>
/// Outages: agent-facing calls wait at most <see cref="RedisStoreOptions.Budget"/>. Writes that cannot reach Redis
/// go to a durable local outbox and are replayed in order, idempotently, when Redis answers again; while the outbox
/// is not empty, new writes queue behind it to keep their order. Reads degrade to empty results with a warning and
/// the <c>rapport.store.degraded_reads</c> metric. Forget, purge and store-wide statistics never degrade: they throw
/// <see cref="MemoryStoreException"/>; so do the population reads that learning uses (<see cref="GetKindOutcomesAsync"/>,
/// <see cref="GetSituationOutcomesAsync"/>), at once when Redis is known to be unreachable, and the recommender then keeps
/// what it had.
/// </para>
/// <para>
/// This type is a facade: the work is done by internal parts along the store's seams (per-record operations, the
/// outage budget policy, the outbox replayer, topology detection); docs/architecture.md lists them.
/// </para>
/// <para>
/// Thread-safe. Disposing stops the replay loop (pending entries stay on disk) and closes the connection when the
/// store opened it; a connection passed to <see cref="Open(IConnectionMultiplexer, RedisStoreOptions, string, TimeProvider?, ILoggerFactory?)"/>
/// stays open.
/// </para>
/// </remarks>
public sealed class RedisMemoryStore : IMemoryStore, IRecordIdLookup, IMemoryOverview, IPopulationStatistics, ISituationOutcomeSource, IDisposable
{
    private readonly IConnectionMultiplexer _connection;
    private readonly bool _ownsConnection;
    private readonly RedisKeys _keys;
    private readonly SqliteOutbox _outbox;
    private readonly ReplaySignal _signal = new();
    private readonly RedisTopology _topology;
    private readonly InterventionOperations _interventions;
    private readonly ReflectionOperations _reflections;
    private readonly ProfileOperations _profiles;
    private readonly VectorSearch _search;
    private readonly OutboxReplayer _replayer;
    private readonly StoreMaintenance _maintenance;
    private readonly StoreAggregates _aggregates;
    private readonly PopulationReads _population;
    private readonly RecordIdLookup _ids;
    private readonly EmbedderOperations _embedders;
    private readonly EventHandler<ConnectionFailedEventArgs> _onRestored;
    private readonly ConnectionHealth _health;
    private int _disposed;

    private RedisMemoryStore(
        IConnectionMultiplexer connection, bool ownsConnection, RedisStoreOptions options, SqliteOutbox outbox, TimeProvider time, ILogger logger)
    {
        _connection = connection;
        _ownsConnection = ownsConnection;
        _keys = new RedisKeys(options.KeyPrefix);
        _outbox = outbox;
        _topology = new RedisTopology(connection);
        var context = new RedisStoreContext(connection, _keys, time, options.ExpiryGrace, new VectorCacheOptions { MaxBytes = options.CacheMaxBytes, Precision = options.CachePrecision, Budget = options.CacheBudget }.CreateCache());
        _health = new ConnectionHealth(connection);
        var budget = new OutageBudgetPolicy(connection, options, outbox, _signal, logger, _health);
        _interventions = new InterventionOperations(context, new InterventionWriter(context, _topology), budget);
        _reflections = new ReflectionOperations(context, budget);
        _profiles = new ProfileOperations(context, budget);
        _search = new VectorSearch(context, budget);
        _replayer = new OutboxReplayer(outbox, _signal, connection, options, logger, _interventions, _reflections, _profiles);
        _maintenance = new StoreMaintenance(context, budget, outbox, _replayer, context.Vectors);
        _aggregates = new StoreAggregates(context, budget, _maintenance);
        _population = new PopulationReads(context, budget, _aggregates);
        _ids = new RecordIdLookup(context, budget, _interventions);
        _embedders = new EmbedderOperations(context, budget);
        _onRestored = (_, _) =>
        {
            _topology.Refresh();
            _signal.Set();
        };
        _connection.ConnectionRestored += _onRestored;
        _topology.Refresh();
        _replayer.Start();
    }

    /// <inheritdoc />
    public string Description => $"redis:{_connection.Configuration.Split(',')[0]} (prefix {_keys.Prefix})";

    /// <summary>Gets the outbox file.</summary>
    public string OutboxPath => _outbox.Path;

    /// <summary>Gets how many writes wait in the outbox.</summary>
    public long PendingWrites => _outbox.Pending;

    /// <summary>Gets the first endpoint as <c>host:port</c>, for messages.</summary>
    public string Endpoint => _health.Endpoint;

    /// <summary>Gets why Redis cannot be reached now (for example "not connected: authentication failed ..."), or
    /// <see langword="null"/> while the connection is up.</summary>
    /// <remarks>A frozen server still counts as connected; calls to it run over their budget instead.</remarks>
    public string? Unreachable => _health.IsConnected ? null : _health.NotConnectedReason;

    /// <summary>Opens the store on a connection of its own; it opens even when Redis is unreachable (writes then go to the outbox).</summary>
    /// <param name="options">The store options.</param>
    /// <param name="home">The data folder, where the outbox lives unless <see cref="RedisStoreOptions.OutboxPath"/> says otherwise.</param>
    /// <param name="timeProvider">The clock that decides expiry; the system clock by default.</param>
    /// <param name="loggerFactory">Where warnings about outages go.</param>
    /// <remarks>The store configures the connection for its outage handling (no command backlog, reconnect every 250 ms) and closes it when disposed.</remarks>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="MemoryStoreException">The configuration cannot be parsed or the outbox cannot be opened.</exception>
    public static RedisMemoryStore Open(RedisStoreOptions options, string home, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(home);
        options.Validate();
        var configuration = RedisConnectionSettings.From(options);
        var outbox = OutboxFile.Open(options, home, options.Configuration);
        EncoderWarmUp.Run();
        var connection = ConnectionMultiplexer.Connect(configuration);
        return new RedisMemoryStore(connection, ownsConnection: true, options, outbox, timeProvider ?? TimeProvider.System, Logger(loggerFactory));
    }

    /// <summary>Opens the store on a connection the host already has (and keeps).</summary>
    /// <param name="connection">The host's connection; the store uses it and never closes or disposes it.</param>
    /// <param name="options">The store options; <see cref="RedisStoreOptions.Configuration"/> and <see cref="RedisStoreOptions.ConnectTimeout"/> are not used.</param>
    /// <param name="home">The data folder, where the outbox lives unless <see cref="RedisStoreOptions.OutboxPath"/> says otherwise.</param>
    /// <param name="timeProvider">The clock that decides expiry; the system clock by default.</param>
    /// <param name="loggerFactory">Where warnings about outages go.</param>
    /// <remarks>
    /// <para>
    /// Ownership: the connection stays the host's. Disposing the store stops its replay loop and unsubscribes from the
    /// connection's events, but does not close or dispose the connection; the host disposes it after the store.
    /// </para>
    /// <para>
    /// The store cannot change a connection it did not create. Its outage handling is exact with
    /// <c>AbortOnConnectFail = false</c> and <see cref="BacklogPolicy.FailFast"/> (what <see cref="Open(RedisStoreOptions, string, TimeProvider?, ILoggerFactory?)"/>
    /// sets): with the default backlog a write issued as the connection drops may wait inside StackExchange.Redis and land
    /// after later writes that went through the outbox. Replay stays idempotent either way.
    /// </para>
    /// <para>
    /// The default outbox file is named from the connection's endpoints, database and the key prefix (never its password), so
    /// it is the file the other overload uses for the same server and prefix; set <see cref="RedisStoreOptions.OutboxPath"/>
    /// to keep another.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="MemoryStoreException">The outbox cannot be opened.</exception>
    public static RedisMemoryStore Open(
        IConnectionMultiplexer connection, RedisStoreOptions options, string home, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(home);
        options.Validate();
        var outbox = OutboxFile.Open(options, home, connection.Configuration);
        EncoderWarmUp.Run();
        return new RedisMemoryStore(connection, ownsConnection: false, options, outbox, timeProvider ?? TimeProvider.System, Logger(loggerFactory));
    }

    /// <summary>Replays the outbox now if anything waits and Redis is connected; returns how many entries were applied.</summary>
    /// <remarks>The store does this by itself (on reconnect and every <see cref="RedisStoreOptions.ReplayInterval"/>); tests and tools may call it.</remarks>
    public Task<int> ReplayOutboxAsync(CancellationToken cancellationToken = default) => _replayer.ReplayAsync(cancellationToken);

    /// <inheritdoc />
    /// <remarks>When Redis is unreachable the batch is kept in the outbox and the call succeeds (see the class remarks).</remarks>
    public Task RecordAsync(IReadOnlyList<Intervention> interventions, CancellationToken cancellationToken = default) =>
        _interventions.RecordAsync(interventions, cancellationToken);

    /// <inheritdoc />
    /// <remarks>When Redis is unreachable the outcome is kept in the outbox and <see langword="null"/> is returned.</remarks>
    public Task<Intervention?> SetOutcomeAsync(string id, InterventionOutcome outcome, int? rating, CancellationToken cancellationToken = default) =>
        _interventions.SetOutcomeAsync(id, outcome, rating, cancellationToken);

    /// <inheritdoc />
    public Task<Intervention?> GetAsync(string id, CancellationToken cancellationToken = default) => _interventions.GetAsync(id, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Intervention>> ListAsync(string userId, int limit = 100, CancellationToken cancellationToken = default) =>
        _interventions.ListAsync(userId, limit, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// One round trip reads the user's version (<c>version.lua</c>); the process's cached snapshot is reused when it
    /// matches, else the user's records are loaded (their ids, then <c>MGET</c> in pages, pipelined). The scan runs in
    /// process; one <c>MGET</c> reads the hits. A load that overruns the budget still completes in the background and
    /// warms the cache.
    /// </remarks>
    public Task<IReadOnlyList<MemorySearchHit>> SearchAsync(MemorySearchRequest request, CancellationToken cancellationToken = default) =>
        _search.SearchAsync(request, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Answered from the same cached snapshot a search uses (loading it when stale), so a recall's check costs one round trip.</remarks>
    public Task<IReadOnlyDictionary<string, long>> CountEmbeddingModelsAsync(string userId, CancellationToken cancellationToken = default) =>
        _search.CountEmbeddingModelsAsync(userId, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Degrades to <see langword="null"/> during an outage.</remarks>
    public Task<string?> GetEmbedderAsync(CancellationToken cancellationToken = default) => _embedders.GetAsync(cancellationToken);

    /// <inheritdoc />
    /// <remarks>Without <paramref name="replace"/> it degrades during an outage to answering <paramref name="model"/> (the write it
    /// guards is queued); with it, an outage throws <see cref="MemoryStoreException"/>.</remarks>
    public Task<string> BindEmbedderAsync(string model, bool replace = false, CancellationToken cancellationToken = default) =>
        _embedders.BindAsync(model, replace, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Scans every primary; throws <see cref="MemoryStoreException"/> during an outage.</remarks>
    public Task<IReadOnlyList<string>> ListUsersAsync(CancellationToken cancellationToken = default) => _maintenance.ListUsersAsync(cancellationToken);

    /// <inheritdoc />
    /// <remarks>One script per call (the user's slot); throws <see cref="MemoryStoreException"/> during an outage.</remarks>
    public Task<int> ReplaceEmbeddingsAsync(string userId, IReadOnlyList<EmbeddingReplacement> replacements, CancellationToken cancellationToken = default) =>
        _embedders.ReplaceAsync(userId, replacements, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Reflection ids are checked for uniqueness within the user's partition. Queued in the outbox during an outage.</remarks>
    public Task AddReflectionAsync(SessionReflection reflection, CancellationToken cancellationToken = default) =>
        _reflections.AddAsync(reflection, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<SessionReflection>> ListReflectionsAsync(string userId, int limit = 20, CancellationToken cancellationToken = default) =>
        _reflections.ListAsync(userId, limit, cancellationToken);

    /// <inheritdoc />
    public Task<UserProfile> GetProfileAsync(string userId, CancellationToken cancellationToken = default) =>
        _profiles.GetAsync(userId, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Queued in the outbox during an outage.</remarks>
    public Task SaveProfileAsync(UserProfile profile, CancellationToken cancellationToken = default) => _profiles.SaveAsync(profile, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Removes every key of the user in one script, then the id mappings and the user's pending outbox writes, all
    /// while no replay runs (so that none brings them back). Throws <see cref="MemoryStoreException"/> when Redis is unreachable.
    /// </remarks>
    public Task<long> ForgetUserAsync(string userId, CancellationToken cancellationToken = default) =>
        _maintenance.ForgetUserAsync(userId, cancellationToken);

    /// <inheritdoc />
    /// <remarks>For one user: degrades to zeros during an outage. Store-wide: scans every primary; throws during an outage.</remarks>
    public Task<MemoryStats> GetStatsAsync(string? userId = null, CancellationToken cancellationToken = default) =>
        _maintenance.GetStatsAsync(userId, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Every user under the key prefix, one script each (<c>aggregate.lua</c> reads no text); throws <see cref="MemoryStoreException"/> during an outage.</remarks>
    public Task<MemoryOverview> GetOverviewAsync(DateTimeOffset since, double lowQualityBelow, CancellationToken cancellationToken = default) =>
        _aggregates.GetOverviewAsync(since, lowQualityBelow, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Scans every primary, then reads the users whose id starts with <paramref name="prefix"/>; throws <see cref="MemoryStoreException"/> during an outage.</remarks>
    public Task<IReadOnlyList<Storage.UserSummary>> ListUsersAsync(string? prefix, int limit, CancellationToken cancellationToken = default) =>
        _aggregates.ListUsersAsync(prefix, limit, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Sessions of a user are ordered by their first intervention, then by id; throws <see cref="MemoryStoreException"/> during an outage.</remarks>
    public Task<IReadOnlyList<SessionIndexRate>> GetSessionCurveAsync(int maxSessions, CancellationToken cancellationToken = default) =>
        _aggregates.GetSessionCurveAsync(maxSessions, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Counts per kind over the live interventions of every user under the key prefix, read by the scan of the
    /// store-wide aggregates (<c>aggregate.lua</c>, no text); throws <see cref="MemoryStoreException"/> during an outage, at once
    /// when Redis is known to be unreachable.</remarks>
    public Task<IReadOnlyDictionary<string, KindOutcomeCounts>> GetKindOutcomesAsync(CancellationToken cancellationToken = default) =>
        _population.GetKindOutcomesAsync(cancellationToken);

    /// <inheritdoc />
    /// <remarks>The same scan keeps the <paramref name="limit"/> most recent live interventions with a known outcome (ties by
    /// user, then id), then reads only their values; users are numbered in the order they appear and no id or text is
    /// returned. Once the store is bound to an embedder, only its vectors are read. Throws <see cref="MemoryStoreException"/>
    /// during an outage, at once when Redis is known to be unreachable.</remarks>
    public Task<IReadOnlyList<SituationOutcome>> GetSituationOutcomesAsync(int limit, CancellationToken cancellationToken = default) =>
        _population.GetSituationOutcomesAsync(limit, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Removes what the store's clock says has expired, user by user, each user in one script.</remarks>
    public Task<long> PurgeExpiredAsync(CancellationToken cancellationToken = default) => _maintenance.PurgeExpiredAsync(cancellationToken);

    /// <inheritdoc />
    /// <remarks>Also answers <see cref="UserVectorCache"/>: this store's cache of users' snapshots (its statistics, for example).</remarks>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(UserVectorCache) ? _search.Vectors
            : serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <remarks>Scans the id keys of every primary; throws <see cref="MemoryStoreException"/> when Redis is unreachable.</remarks>
    public Task<IReadOnlyList<string>> FindRecordIdsAsync(string fragment, int limit, CancellationToken cancellationToken = default) =>
        _ids.FindAsync(fragment, limit, cancellationToken);

    /// <summary>Disposes the store synchronously, waiting for <see cref="DisposeAsync"/> (for hosts that dispose their container synchronously).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // A short-lived process (a CLI command) may have queued writes: try once more to deliver them before closing.
        try
        {
            using var last = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _replayer.ReplayAsync(last.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Closing must not fail; whatever is left stays in the outbox for the next process.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        await _replayer.StopAsync().ConfigureAwait(false);
        _connection.ConnectionRestored -= _onRestored;
        _health.Dispose();
        _search.Vectors.Clear();
        if (_ownsConnection)
        {
            await _connection.CloseAsync().ConfigureAwait(false);
            await _connection.DisposeAsync().ConfigureAwait(false);
        }

        _replayer.Dispose();
        _signal.Dispose();
    }

    /// <summary>Drops this process's cached vector snapshots (benchmarks measure a cold search with it).</summary>
    internal void DropCachedVectors() => _search.Vectors.Clear();

    private static ILogger Logger(ILoggerFactory? loggerFactory) => (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<RedisMemoryStore>();
}
