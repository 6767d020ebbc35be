using System.Collections.Concurrent;
using Rapport.Telemetry;

namespace Rapport.Search;

/// <summary>A process-local cache of users' vector snapshots, kept valid by a per-user version and bounded by bytes.</summary>
/// <remarks>
/// <para>
/// Every write to a user's memories bumps that user's version in the backing store. A search reads the current
/// version (one cheap round trip): a snapshot cached at that version is used as it is (<see cref="Find"/>); one cached at
/// an older version of the same lineage is brought up to date with only what changed since its cursor
/// (<see cref="TryGetStale"/>, <see cref="UserVectorSet.WithChanges"/>); a user never seen, evicted, or forgotten since
/// is loaded whole. So processes that share a store see each other's writes at once and pay for what changed.
/// </para>
/// <para>
/// Bounded twice: by users (<see cref="Capacity"/>) and by the snapshots' estimated bytes (<see cref="MaxBytes"/>), a bound
/// the cache may share with other stores' caches in the process (<see cref="VectorCacheBudget"/>: a server's tenants).
/// Past either, the least recently used snapshots are dropped until the cache (or the budget) is back under nine tenths of its bound.
/// Hits, refreshes, full loads and evicted bytes are counted (<see cref="Statistics"/>) and published as metrics
/// (<see cref="RapportTelemetryNames.CacheHitsMetric"/> and the others). Thread-safe.
/// </para>
/// </remarks>
public sealed class UserVectorCache
{
    /// <summary>The default bound on the snapshots' bytes: 256 MiB.</summary>
    public const long DefaultMaxBytes = 256L * 1024 * 1024;

    private readonly ConcurrentDictionary<string, CachedSet> _sets = new(StringComparer.Ordinal);
    private readonly Lock _trim = new();
    private long _bytes;
    private long _hits;
    private long _refreshes;
    private long _misses;
    private long _evictedBytes;

    /// <summary>Creates a cache holding at most <paramref name="capacity"/> users and <paramref name="maxBytes"/> bytes of snapshots.</summary>
    /// <param name="capacity">The most users kept.</param>
    /// <param name="maxBytes">The most bytes kept (estimated, see <see cref="UserVectorSet.EstimatedBytes"/>); <see cref="DefaultMaxBytes"/> by default.</param>
    /// <param name="precision">How the stores using this cache hold their snapshots' vectors (<see cref="Precision"/>).</param>
    public UserVectorCache(int capacity = 1_024, long maxBytes = DefaultMaxBytes, VectorPrecision precision = VectorPrecision.Full)
        : this(new VectorCacheBudget(maxBytes), capacity, precision)
    {
    }

    /// <summary>Creates a cache whose bytes count against <paramref name="budget"/>, shared with other stores' caches.</summary>
    /// <param name="budget">The bound this cache shares (a server's one budget for all its tenants' stores).</param>
    /// <param name="capacity">The most users this cache keeps.</param>
    /// <param name="precision">How the stores using this cache hold their snapshots' vectors (<see cref="Precision"/>).</param>
    public UserVectorCache(VectorCacheBudget budget, int capacity = 1_024, VectorPrecision precision = VectorPrecision.Full)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        if (!Enum.IsDefined(precision))
        {
            throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown vector precision: use Full or Compact.");
        }

        Capacity = capacity;
        Budget = budget;
        Precision = precision;
        budget.Register(this);
    }

    /// <summary>Gets how the snapshots a store loads into this cache hold their vectors.</summary>
    /// <value><see cref="VectorPrecision.Full"/> by default: exact and fastest per query when the users fit; <see cref="VectorPrecision.Compact"/>
    /// holds about 1.5 times as many users of the benchmark's memories in the same bound, more when texts are short (docs/scale.md).</value>
    public VectorPrecision Precision { get; }

    /// <summary>Gets the most users kept.</summary>
    public int Capacity { get; }

    /// <summary>Gets the most bytes of snapshots kept: the budget's, shared with any other cache on it.</summary>
    public long MaxBytes => Budget.MaxBytes;

    /// <summary>Gets the bound this cache's bytes count against.</summary>
    public VectorCacheBudget Budget { get; }

    /// <summary>Gets the estimated bytes held now.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Gets the number of users held now.</summary>
    public int Count => _sets.Count;

    /// <summary>Gets the cache's counters since it was created.</summary>
    public UserVectorCacheStatistics Statistics => new(
        Interlocked.Read(ref _hits), Interlocked.Read(ref _refreshes), Interlocked.Read(ref _misses), Interlocked.Read(ref _evictedBytes), Bytes, Count);

    /// <summary>Returns the snapshot cached at exactly <paramref name="version"/>, or <see langword="null"/> (counted as a hit when found).</summary>
    public UserVectorSet? Find(string userId, long version)
    {
        if (_sets.TryGetValue(userId, out var cached) && cached.Version == version)
        {
            cached.LastUsed = Budget.Tick();
            Tally(ref _hits, RapportInstruments.CacheHits, 1);
            return cached.Set;
        }

        return null;
    }

    /// <summary>Gets the snapshot cached for <paramref name="userId"/> at whatever version, to refresh it.</summary>
    public bool TryGetStale(string userId, out CachedUserVectorSet snapshot)
    {
        if (_sets.TryGetValue(userId, out var cached))
        {
            snapshot = new CachedUserVectorSet(cached.Set, cached.Version, cached.Cursor);
            return true;
        }

        snapshot = default;
        return false;
    }

    /// <summary>Caches <paramref name="set"/> as the user's snapshot at <paramref name="version"/>, unless a newer one is cached already.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="set">The snapshot.</param>
    /// <param name="version">The user's version the snapshot is at least as new as.</param>
    /// <param name="cursor">Where the store's change feed continues from for this snapshot (the version itself for a store
    /// whose versions number its changes).</param>
    /// <param name="refreshed"><see langword="true"/> when <paramref name="set"/> was refreshed from a cached one, <see langword="false"/> when loaded whole.</param>
    /// <returns><paramref name="set"/>.</returns>
    public UserVectorSet Put(string userId, UserVectorSet set, long version, long cursor, bool refreshed)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (refreshed)
        {
            Tally(ref _refreshes, RapportInstruments.CacheRefreshes, 1);
        }
        else
        {
            Tally(ref _misses, RapportInstruments.CacheMisses, 1);
        }

        var entry = new CachedSet(version, cursor, set, set.EstimatedBytes) { LastUsed = Budget.Tick() };
        while (true)
        {
            if (_sets.TryGetValue(userId, out var existing))
            {
                // Versions only grow (a forgotten user comes back at a higher one): a slower load never overwrites a newer snapshot.
                if (existing.Version > version || !_sets.TryUpdate(userId, entry, existing))
                {
                    if (existing.Version > version)
                    {
                        return set;
                    }

                    continue;
                }

                AddBytes(entry.Bytes - existing.Bytes);
                break;
            }

            if (_sets.TryAdd(userId, entry))
            {
                AddBytes(entry.Bytes);
                break;
            }
        }

        TrimIfNeeded();
        return set;
    }

    /// <summary>Gets the snapshot of <paramref name="userId"/> at <paramref name="version"/>, loading it whole when absent or stale.</summary>
    /// <remarks>For a store without a change feed; stores with one use <see cref="Find"/>, <see cref="TryGetStale"/> and <see cref="Put"/>.</remarks>
    public async ValueTask<UserVectorSet> GetAsync(
        string userId, long version, Func<CancellationToken, Task<UserVectorSet>> load, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (Find(userId, version) is { } cached)
        {
            return cached;
        }

        var set = await load(cancellationToken).ConfigureAwait(false);
        return Put(userId, set, version, version, refreshed: false);
    }

    /// <summary>Carries a user's snapshot across a write this process just made, instead of refreshing it at the next search.</summary>
    /// <param name="userId">The user written to.</param>
    /// <param name="previous">The user's version just before the write (read in the write's transaction).</param>
    /// <param name="current">The version the write set.</param>
    /// <param name="apply">The write applied to the snapshot (for example <see cref="UserVectorSet.WithAdded"/>), or <see langword="null"/>
    /// when the write changed nothing a search reads (a reflection, a profile).</param>
    /// <remarks>Only a snapshot cached at exactly <paramref name="previous"/> moves, and its cursor moves by as much as its
    /// version: any other means this process missed a write, and the next search refreshes. <paramref name="apply"/> must be
    /// safe to apply to a snapshot that may already hold the write (a search may have refreshed it after the commit).</remarks>
    public void Advance(string userId, long previous, long current, Func<UserVectorSet, UserVectorSet>? apply = null)
    {
        if (!_sets.TryGetValue(userId, out var cached) || cached.Version != previous)
        {
            return;
        }

        var set = apply is null ? cached.Set : apply(cached.Set);
        var moved = new CachedSet(current, cached.Cursor + (current - previous), set, set.EstimatedBytes) { LastUsed = cached.LastUsed };
        // Compare-and-swap: a concurrent refresh or advance of the same user wins, and the next search sorts it out by version.
        if (_sets.TryUpdate(userId, moved, cached))
        {
            AddBytes(moved.Bytes - cached.Bytes);
            TrimIfNeeded();
        }
    }

    /// <summary>Drops a user's snapshot (after a forget, for example).</summary>
    public void Invalidate(string userId)
    {
        if (_sets.TryRemove(userId, out var removed))
        {
            AddBytes(-removed.Bytes);
        }
    }

    /// <summary>Drops every snapshot.</summary>
    public void Clear()
    {
        foreach (var user in _sets.Keys)
        {
            Invalidate(user);
        }
    }

    /// <summary>Adds this cache's entries and when each was last used, for its budget's trim.</summary>
    internal void CollectUsage(List<(UserVectorCache Cache, string User, object Entry, long LastUsed)> into)
    {
        // ConcurrentDictionary.ToArray is one atomic copy; LINQ over the dictionary sizes its buffer from Count and then
        // copies, which throws when another thread adds a user in between (the compact server-load run died of it).
        foreach (var (user, cached) in _sets.ToArray())
        {
            into.Add((this, user, cached, cached.LastUsed));
        }
    }

    /// <summary>Drops the user's snapshot if it is still <paramref name="entry"/> (one a search just replaced stays).</summary>
    internal void Evict(string user, object entry)
    {
        var cached = (CachedSet)entry;
        if (((ICollection<KeyValuePair<string, CachedSet>>)_sets).Remove(new KeyValuePair<string, CachedSet>(user, cached)))
        {
            AddBytes(-cached.Bytes);
            Tally(ref _evictedBytes, RapportInstruments.CacheEvictedBytes, cached.Bytes);
        }
    }

    private void AddBytes(long delta)
    {
        Interlocked.Add(ref _bytes, delta);
        Budget.Add(delta);
    }

    private void TrimIfNeeded()
    {
        if (_sets.Count > Capacity)
        {
            TrimUsers();
        }

        Budget.TrimIfOver();
        if (RapportInstruments.CacheBytes.Enabled)
        {
            RapportInstruments.CacheBytes.Record(Budget.Bytes);
        }
    }

    // Past the bound on users, least recently used first down to nine tenths of it, so that a full cache does not trim on
    // every put. (The bound on bytes is the budget's, over every cache sharing it.)
    private void TrimUsers()
    {
        lock (_trim)
        {
            var users = Capacity - (Capacity / 10);
            if (_sets.Count <= Capacity)
            {
                return;
            }

            foreach (var (user, cached) in _sets.ToArray().OrderBy(p => p.Value.LastUsed))
            {
                if (_sets.Count <= users)
                {
                    break;
                }

                Evict(user, cached);
            }
        }
    }

    private static void Tally(ref long field, System.Diagnostics.Metrics.Counter<long> counter, long value)
    {
        Interlocked.Add(ref field, value);
        if (counter.Enabled)
        {
            counter.Add(value);
        }
    }

    private sealed class CachedSet(long version, long cursor, UserVectorSet set, long bytes)
    {
        public long Version { get; } = version;

        public long Cursor { get; } = cursor;

        public UserVectorSet Set { get; } = set;

        public long Bytes { get; } = bytes;

        public long LastUsed { get; set; }
    }
}
