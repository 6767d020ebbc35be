using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Rapport.Search;
using Rapport.Sqlite.Internal;
using Rapport.Storage;

namespace Rapport.Sqlite;

/// <summary>The embedded default <see cref="IMemoryStore"/>: one SQLite file in WAL mode.</summary>
/// <remarks>
/// <para>
/// Thread-safe: every operation takes a pooled connection of its own. Several processes may open the same file:
/// writes are serialized by SQLite (<c>BEGIN IMMEDIATE</c>, waiting on a busy file up to the command timeout),
/// and each write bumps the user's version from a file-wide sequence, which keeps every process's cached vectors
/// valid (see <see cref="UserVectorCache"/>).
/// </para>
/// <para>Durability: <c>synchronous = FULL</c> by default, so an acknowledged write survives a crash or power loss;
/// <see cref="SqliteDurability.Normal"/> trades the last commits on power loss for speed (never corruption).</para>
/// </remarks>
public sealed partial class SqliteMemoryStore : IMemoryStore, IDisposable
{
    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly UserVectorCache _vectors;
    private readonly AggregateCache _aggregates = new();

    // The rows of hits and lists, valid at a user's version: a turn's search and list need not read them from the file again.
    // Bounded with every other store's that shares the vector cache's budget (a server's tenants): RecordCachePool.
    private readonly RecordCache _records;

    // Writers of this process queue here instead of inside SQLite: a second BEGIN IMMEDIATE on a file this process
    // is already writing fails with SQLITE_BUSY, and Microsoft.Data.Sqlite then sleeps between retries, which stalled
    // parallel writers for most of their time (measured in the demo). Other processes still wait on SQLite's lock.
    private readonly Lock _writeLock = new();

    // The small writes of a turn (record, outcome, profile, reflection) of concurrent callers share one commit and its sync.
    private readonly SqliteGroupCommit _writes;

    // No mmap_size: mapping the file was tried against the demo's reads (issue 17) and cost about a fifth more CPU per steady
    // seed than reading pages with pread (bench/results/demo.md).
    private const string NormalPragmas = "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;";
    private const string FullPragmas = "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;";
    private readonly string _pragmas;

    // Open connections between calls, with their prepared statements.
    private readonly ConnectionShelf _shelf = new();

    private SqliteMemoryStore(
        string path, string connectionString, TimeProvider time, SqliteDurability durability, UserVectorCache cache, bool readOnly = false)
    {
        _vectors = cache;
        _records = new RecordCache(RecordCachePool.For(cache.Budget));
        _pragmas = readOnly ? "PRAGMA foreign_keys = ON;" : durability == SqliteDurability.Normal ? NormalPragmas : FullPragmas;
        Path = path;
        _connectionString = connectionString;
        _time = time;
        _writes = new SqliteGroupCommit(Connect, EnterWrite);
    }

    /// <summary>Gets the full path of the database file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public string Description => $"sqlite:{Path}";

    /// <summary>Opens (creating and migrating when needed) the store in the file at <paramref name="path"/>.</summary>
    /// <exception cref="MemoryStoreException">The file cannot be created, opened or migrated; the message says why.</exception>
    public static SqliteMemoryStore Open(string path, TimeProvider? timeProvider = null) => Open(path, timeProvider, SqliteDurability.Full);

    /// <summary>Opens the store at <paramref name="path"/> with the given durability.</summary>
    /// <exception cref="MemoryStoreException">The file cannot be created, opened or migrated; the message says why.</exception>
    public static SqliteMemoryStore Open(string path, TimeProvider? timeProvider, SqliteDurability durability) =>
        Open(path, timeProvider, durability, UserVectorCache.DefaultMaxBytes);

    /// <summary>Opens the store at <paramref name="path"/> with the given durability and bound on its cache of users' snapshots.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="timeProvider">The clock that decides expiry; the system clock by default.</param>
    /// <param name="durability">What an acknowledged write survives.</param>
    /// <param name="cacheMaxBytes">The most bytes of users' vector snapshots this process caches (estimated; least recently used
    /// go first); <see cref="UserVectorCache.DefaultMaxBytes"/> (256 MiB) in the other overloads. docs/scale.md sizes it.</param>
    /// <exception cref="MemoryStoreException">The file cannot be created, opened or migrated; the message says why.</exception>
    public static SqliteMemoryStore Open(string path, TimeProvider? timeProvider, SqliteDurability durability, long cacheMaxBytes) =>
        Open(path, timeProvider, durability, cacheMaxBytes, VectorPrecision.Full);

    /// <summary>Opens the store at <paramref name="path"/> with the given durability, cache bound and precision of cached vectors.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="timeProvider">The clock that decides expiry; the system clock by default.</param>
    /// <param name="durability">What an acknowledged write survives.</param>
    /// <param name="cacheMaxBytes">The most bytes of users' vector snapshots this process caches (see the overload without precision).</param>
    /// <param name="precision">How cached snapshots hold vectors: <see cref="VectorPrecision.Full"/> in the other overloads;
    /// <see cref="VectorPrecision.Compact"/> holds more users in the same bound and re-scores each search's candidates from this file.</param>
    /// <exception cref="MemoryStoreException">The file cannot be created, opened or migrated; the message says why.</exception>
    public static SqliteMemoryStore Open(string path, TimeProvider? timeProvider, SqliteDurability durability, long cacheMaxBytes, VectorPrecision precision) =>
        Open(path, timeProvider, durability, new VectorCacheOptions { MaxBytes = cacheMaxBytes, Precision = precision });

    /// <summary>Opens the store at <paramref name="path"/> with the given durability and cache: a bound of its own, or one shared
    /// with other stores in the process (<see cref="VectorCacheOptions.Budget"/>, a server's tenants).</summary>
    /// <param name="path">The database file.</param>
    /// <param name="timeProvider">The clock that decides expiry; the system clock by default.</param>
    /// <param name="durability">What an acknowledged write survives.</param>
    /// <param name="cache">The cache's bound, shared budget and precision.</param>
    /// <exception cref="ArgumentOutOfRangeException">A cache option is out of range.</exception>
    /// <exception cref="MemoryStoreException">The file cannot be created, opened or migrated; the message says why.</exception>
    public static SqliteMemoryStore Open(string path, TimeProvider? timeProvider, SqliteDurability durability, VectorCacheOptions cache)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(cache);
        var vectors = cache.CreateCache();
        var fullPath = System.IO.Path.GetFullPath(path);
        try
        {
            var folder = System.IO.Path.GetDirectoryName(fullPath);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            var connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = fullPath,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Cache = SqliteCacheMode.Private,
                Pooling = true,
                DefaultTimeout = 30,
            }.ToString();
            var store = new SqliteMemoryStore(fullPath, connectionString, timeProvider ?? TimeProvider.System, durability, vectors);
            using var connection = store.Connect();
            SqliteSchema.Migrate(connection);
            store.PurgeOnOpen();
            return store;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new MemoryStoreException($"Cannot open the SQLite store at '{fullPath}': {FirstLine(ex.Message)}", ex);
        }
    }

    /// <summary>Opens an existing store for reading only: nothing is created, migrated or purged, and no write lock is taken.</summary>
    /// <remarks>For commands that only read (recall, stats, export): they never wait behind another process's write and work on
    /// a file the user may only read. Expired rows stay hidden by the clock; a writing open purges them. A write through this
    /// store fails with SQLite's read-only error.</remarks>
    /// <exception cref="MemoryStoreException">The file does not exist, cannot be read, or is not a Rapport store of this version.</exception>
    public static SqliteMemoryStore OpenReadOnly(string path, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        try
        {
            if (!File.Exists(fullPath))
            {
                throw new IOException($"there is no store at '{fullPath}'");
            }

            var connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = fullPath,
                Mode = SqliteOpenMode.ReadOnly,
                Cache = SqliteCacheMode.Private,
                Pooling = true,
                DefaultTimeout = 30,
            }.ToString();
            var store = new SqliteMemoryStore(fullPath, connectionString, timeProvider ?? TimeProvider.System, SqliteDurability.Full, new UserVectorCache(), readOnly: true);
            using var connection = store.Connect();
            SqliteSchema.RequireCurrent(connection);
            return store;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new MemoryStoreException($"Cannot open the SQLite store at '{fullPath}' for reading: {FirstLine(ex.Message)}", ex);
        }
    }

    /// <inheritdoc />
    /// <remarks>Also answers <see cref="UserVectorCache"/>: this store's cache of users' snapshots (its statistics, for example).</remarks>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(UserVectorCache) ? _vectors
            : serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Releases the cached vectors and closes the connections this store keeps open between calls.</summary>
    public void Dispose()
    {
        _vectors.Clear();
        _records.Clear();
        _shelf.Dispose();
    }

    // A connection this store used before (open, its statements prepared: PreparedConnection), else a new one.
    private SqliteConnection Connect()
    {
        if (_shelf.TryTake(out var kept))
        {
            return kept;
        }

        var connection = new PreparedConnection(_connectionString, _shelf);
        connection.Open();
        // The PRAGMAs are properties of the physical connection, which the pool keeps open: set them when this handle has
        // not got them yet (a new connection, or one a store with other settings used last), not on every pooled open.
        var handle = connection.Handle!;
        if (!Configured.TryGetValue(handle, out var set) || !ReferenceEquals(set, _pragmas))
        {
            using var pragmas = connection.CreateCommand();
            // secure_delete: a deleted row (a forgotten user, a purged memory) is overwritten, not left readable in free pages.
            pragmas.CommandText = _pragmas;
            pragmas.ExecuteNonQuery();
            Configured.AddOrUpdate(handle, _pragmas);
        }

        return connection;
    }

    // Which PRAGMA text each open physical connection last ran (weak: a closed handle drops out).
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, string> Configured = new();

    private long Now => _time.GetUtcNow().UtcTicks;

    /// <summary>Holds this process's write lock for one write transaction (see <see cref="_writeLock"/>).</summary>
    private Lock.Scope EnterWrite() => _writeLock.EnterScope();

    // Every write to a user's records takes a fresh number from the file-wide sequence as the user's version.
    // Numbers are never reused, so a user forgotten and re-created can never match a stale cached snapshot.
    // Returns the versions before and after, so the writer can carry its cached snapshot across its own write.
    // The new version is also the sequence number of every row the write changes (the user's change feed, see SqliteSchema).
    private static (long Previous, long Current) BumpVersion(SqliteConnection connection, SqliteWrite transaction, string userId)
    {
        using var command = SqliteValues.Command(
            connection,
            """
            SELECT coalesce((SELECT version FROM user_versions WHERE user_id = $user), 0);
            UPDATE write_sequence SET value = value + 1 WHERE id = 1;
            INSERT INTO user_versions (user_id, version, epoch)
            VALUES ($user, (SELECT value FROM write_sequence WHERE id = 1), (SELECT value FROM write_sequence WHERE id = 1))
            ON CONFLICT (user_id) DO UPDATE SET version = excluded.version RETURNING version;
            """,
            transaction);
        command.Parameters.AddWithValue("$user", userId);
        using var reader = command.ExecuteReader();
        reader.Read();
        var previous = reader.GetInt64(0);
        reader.NextResult();
        reader.Read();
        return (previous, reader.GetInt64(0));
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
