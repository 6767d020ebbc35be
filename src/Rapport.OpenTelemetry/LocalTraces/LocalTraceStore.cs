using Rapport.Telemetry;
using Microsoft.Data.Sqlite;
using Rapport.OpenTelemetry.Internal;

namespace Rapport.OpenTelemetry.LocalTraces;

/// <summary>Spans kept on this machine, in one SQLite file in the data folder: listed, drawn as trees, expired and forgotten.</summary>
/// <remarks>
/// <para>
/// Spans arrive already redacted through <see cref="LocalTraceExporter"/>. Each expires <see cref="LocalTraceStoreOptions.Retention"/>
/// after it was written (by the store's <see cref="TimeProvider"/>): expired spans are invisible at once and removed by
/// <see cref="PurgeExpiredAsync"/>, which writes also run at most once an hour.
/// </para>
/// <para>
/// A trace is linked to the users it concerns by their keyed hash (<c>rapport.user.hash</c> on any of its spans), so
/// <see cref="ForgetUserAsync(string, CancellationToken)"/> removes whole traces without the store ever holding a user id.
/// </para>
/// <para>Thread-safe; several processes may share the file (WAL). Dispose releases nothing but the pool; it is safe to skip.</para>
/// </remarks>
public sealed partial class LocalTraceStore : IDisposable
{
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromHours(1);
    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private long _nextPurgeUs;

    private LocalTraceStore(string path, LocalTraceStoreOptions options)
    {
        Path = path;
        Retention = options.Retention;
        IncludeSensitiveData = options.IncludeSensitiveData;
        _time = options.TimeProvider;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>Gets the full path of the SQLite file.</summary>
    public string Path { get; }

    /// <summary>Gets how long spans are kept.</summary>
    public TimeSpan Retention { get; }

    /// <summary>Gets whether user text carried by spans is kept.</summary>
    public bool IncludeSensitiveData { get; }

    /// <summary>Opens (creating when needed) the store at <see cref="LocalTraceStoreOptions.Path"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid or name no path.</exception>
    /// <exception cref="IOException">The file cannot be created or opened; the message says where and why.</exception>
    public static LocalTraceStore Open(LocalTraceStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            throw new ArgumentException("The trace store needs a path, for example <home>/traces.db.", nameof(options));
        }

        var path = System.IO.Path.GetFullPath(options.Path);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            var store = new LocalTraceStore(path, options);
            using var connection = store.Connect();
            TraceSchema.Migrate(connection);
            return store;
        }
        catch (SqliteException ex)
        {
            throw new IOException($"Cannot open the trace store at '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>Removes expired spans.</summary>
    /// <returns>How many spans were removed.</returns>
    public async Task<long> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM trace_users WHERE expires_at_us <= $now;
            DELETE FROM spans WHERE expires_at_us <= $now;
            SELECT changes();
            """;
        command.Parameters.AddWithValue("$now", NowUs());
        var removed = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L);
        Interlocked.Exchange(ref _nextPurgeUs, NowUs() + (long)PurgeInterval.TotalMicroseconds);
        if (removed > 0)
        {
            // The WAL still holds the expired spans' frames: fold it into the file now if nobody reads an older snapshot (no
            // wait: a purge runs on the export thread; a later purge or checkpoint finishes the job).
            _ = await CheckpointAsync(connection, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }

        return removed;
    }

    /// <summary>Removes every trace that concerns the user with this keyed hash (<c>rapport.user.hash</c>).</summary>
    /// <returns>How many spans were removed.</returns>
    public async Task<long> ForgetUserAsync(string userHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userHash);
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            CREATE TEMP TABLE IF NOT EXISTS forget_traces (trace_id TEXT PRIMARY KEY);
            DELETE FROM forget_traces;
            INSERT OR IGNORE INTO forget_traces SELECT trace_id FROM trace_users WHERE user_hash = $hash;
            DELETE FROM spans WHERE trace_id IN (SELECT trace_id FROM forget_traces);
            SELECT changes();
            """;
        command.Parameters.AddWithValue("$hash", userHash);
        var removed = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L);
        command.CommandText = "DELETE FROM trace_users WHERE trace_id IN (SELECT trace_id FROM forget_traces); DELETE FROM forget_traces;";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        transaction.Commit();

        // secure_delete zeroes the deleted rows, but not the stale copies of them that b-tree balancing leaves in the free gap of
        // other pages (seen in a spans leaf page after a kill -9 during forget; spans is a WITHOUT ROWID b-tree). VACUUM rebuilds
        // every page from the live rows only, so no copy survives anywhere in the file; it runs even when nothing was removed
        // here, as a retried forget must clean up after one that was killed. Traces are bounded by their retention: a forget
        // rewrites at most that much.
        using (var vacuum = connection.CreateCommand())
        {
            vacuum.CommandText = "VACUUM;";
            await vacuum.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // The WAL still holds the frames that wrote the spans until a checkpoint; TRUNCATE empties it. Another process writing
        // its spans meanwhile makes the checkpoint stop short, leaving the old pages readable in the file: wait for it.
        if (!await CheckpointAsync(connection, CheckpointWait, cancellationToken).ConfigureAwait(false))
        {
            throw new IOException(
                $"Removed {removed} trace span(s), but another process kept writing to '{Path}' for {CheckpointWait.TotalSeconds:0} s, " +
                "so their old copies stay in the file until a later checkpoint: run forget again when it is done.");
        }

        return removed;
    }

    /// <summary>How long a forget waits for other processes' readers and writers before its checkpoint gives up.</summary>
    internal static readonly TimeSpan CheckpointWait = TimeSpan.FromSeconds(5);

    // A checkpoint that a reader on an older snapshot holds up returns busy = 1 in its first column, with no error.
    // Returns whether it completed within the wait. (Stopwatch, not the store's TimeProvider: this bounds a real wait.)
    private static async Task<bool> CheckpointAsync(SqliteConnection connection, TimeSpan wait, CancellationToken cancellationToken)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        while (true)
        {
            using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || reader.GetInt64(0) == 0)
                {
                    return true;
                }
            }

            if (System.Diagnostics.Stopwatch.GetElapsedTime(start) >= wait)
            {
                return false;
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Removes every trace that concerns <paramref name="userId"/>, hashed with <paramref name="pseudonymizer"/>.</summary>
    /// <returns>How many spans were removed.</returns>
    public Task<long> ForgetUserAsync(string userId, UserIdPseudonymizer pseudonymizer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pseudonymizer);
        return ForgetUserAsync(pseudonymizer.Pseudonymize(userId), cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => SqliteConnection.ClearPool(new SqliteConnection(_connectionString));

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();

        // Traces are diagnostics, not records: WAL with NORMAL sync never corrupts the file and skips an fsync per batch.
        using var pragma = connection.CreateCommand();
        // secure_delete: a forgotten user's spans are overwritten, not left readable in free pages next to telemetry.key.
        pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private long NowUs() => ToUs(_time.GetUtcNow());

    private static long ToUs(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static DateTimeOffset FromUs(long us) => DateTimeOffset.UnixEpoch.AddTicks(us * 10);
}
