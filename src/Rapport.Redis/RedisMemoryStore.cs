using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rapport.Redis.Internal;
using Rapport.Redis.Outbox;
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
/// <see cref="MemoryStoreException"/>.
/// </para>
/// <para>Thread-safe. Disposing closes the connection and stops the replay loop; pending entries stay on disk.</para>
/// </remarks>
public sealed partial class RedisMemoryStore : IMemoryStore, IDisposable
{
    private readonly ConnectionMultiplexer _connection;
    private readonly RedisStoreOptions _options;
    private readonly RedisKeys _keys;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SqliteOutbox _outbox;
    private readonly UserVectorCache _vectors = new();
    private readonly TimeSpan _attemptBudget;
    private readonly SemaphoreSlim _replayGate = new(1, 1);
    private readonly SemaphoreSlim _replaySignal = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _replayLoop;
    private volatile bool _standalone;

    private RedisMemoryStore(ConnectionMultiplexer connection, RedisStoreOptions options, SqliteOutbox outbox, TimeProvider time, ILogger logger)
    {
        _connection = connection;
        _options = options;
        _keys = new RedisKeys(options.KeyPrefix);
        _outbox = outbox;
        _time = time;
        _logger = logger;
        _attemptBudget = options.Budget * 0.6;
        _connection.ConnectionRestored += (_, _) =>
        {
            DetectTopology();
            LoadScripts();
            SignalReplay();
        };
        DetectTopology();
        LoadScripts();
        _replayLoop = Task.Run(ReplayLoopAsync);
        if (_outbox.Pending > 0)
        {
            SignalReplay();
        }
    }

    /// <inheritdoc />
    public string Description => $"redis:{_connection.Configuration.Split(',')[0]} (prefix {_keys.Prefix})";

    /// <summary>Gets the outbox file.</summary>
    public string OutboxPath => _outbox.Path;

    /// <summary>Gets how many writes wait in the outbox.</summary>
    public long PendingWrites => _outbox.Pending;

    /// <summary>Opens the store; it opens even when Redis is unreachable (writes then go to the outbox).</summary>
    /// <param name="options">The store options.</param>
    /// <param name="home">The data folder, where the outbox lives unless <see cref="RedisStoreOptions.OutboxPath"/> says otherwise.</param>
    /// <param name="timeProvider">The clock that decides expiry; the system clock by default.</param>
    /// <param name="loggerFactory">Where warnings about outages go.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="MemoryStoreException">The configuration cannot be parsed or the outbox cannot be opened.</exception>
    public static RedisMemoryStore Open(RedisStoreOptions options, string home, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(home);
        options.Validate();
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

        SqliteOutbox outbox;
        var outboxPath = options.OutboxPath ?? Path.Combine(home, $"redis-outbox-{Hash(options.Configuration + "|" + options.KeyPrefix)}.db");
        try
        {
            outbox = new SqliteOutbox(outboxPath);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new MemoryStoreException($"Cannot open the Redis store's outbox at '{outboxPath}': {ex.Message}", ex);
        }

        WarmUp();
        var connection = ConnectionMultiplexer.Connect(configuration);
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<RedisMemoryStore>();
        return new RedisMemoryStore(connection, options, outbox, timeProvider ?? TimeProvider.System, logger);
    }

    /// <summary>Disposes the store synchronously, waiting for <see cref="DisposeAsync"/> (for hosts that dispose their container synchronously).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // A short-lived process (a CLI command) may have queued writes: try once more to deliver them before closing.
        try
        {
            using var last = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await ReplayOutboxAsync(last.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Closing must not fail; whatever is left stays in the outbox for the next process.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _replayLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _vectors.Clear();
        await _connection.CloseAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
        _replayGate.Dispose();
        _replaySignal.Dispose();
    }

    private IDatabase Db => _connection.GetDatabase();

    private DateTimeOffset Now => _time.GetUtcNow();

    // The first agent turn should not pay for compiling the write path: run the encoders once at open.
    private static void WarmUp()
    {
        var now = DateTimeOffset.UnixEpoch;
        var sample = new Memory.Intervention
        {
            Id = "warmup", UserId = "warmup", CreatedAt = now, Situation = "", Kind = "k", Text = "", Embedding = new float[] { 1f }, ExpiresAt = now,
        };
        _ = Outbox.OutboxPayloads.ReadInterventions(Outbox.OutboxPayloads.Interventions([sample]));
        _ = InterventionValue.Decode(sample.Id, sample.UserId, InterventionValue.Encode(sample));
    }

    // Loading the scripts on every primary lets StackExchange.Redis send EVALSHA (a hash) instead of each script's text
    // (record.lua runs inside MULTI, where it is always sent in full).
    private void LoadScripts()
    {
        try
        {
            foreach (var server in _connection.GetServers().Where(s => s.IsConnected && !s.IsReplica))
            {
                foreach (var script in RedisScripts.All)
                {
                    Observe(server.ScriptLoadAsync(script, CommandFlags.None));
                }
            }
        }
        catch (Exception ex) when (ex is ObjectDisposedException || IsUnavailable(ex))
        {
            // Closing, or the connection dropped again: scripts are sent in full (EVAL) until the next load.
        }
    }

    // A standalone server (one primary, with or without replicas) accepts scripts whose keys span slots; a cluster does
    // not. Until a connection says which, the store assumes a cluster (whose commands suit both).
    private void DetectTopology()
    {
        try
        {
            var servers = _connection.GetServers();
            _standalone = servers.Length > 0
                && servers.All(s => s.IsConnected && s.ServerType == ServerType.Standalone)
                && servers.Count(s => !s.IsReplica) == 1;
        }
        catch (Exception ex) when (ex is ObjectDisposedException || IsUnavailable(ex))
        {
            _standalone = false;
        }
    }

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
}
