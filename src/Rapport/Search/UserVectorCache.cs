using System.Collections.Concurrent;

namespace Rapport.Search;

/// <summary>A process-local cache of users' vector snapshots, kept valid by a per-user version.</summary>
/// <remarks>
/// Every write to a user's memories bumps that user's version in the backing store. A search reads the current
/// version (one cheap round trip) and reuses the cached snapshot only when the versions match, so processes
/// that share a store see each other's writes at once. Thread-safe. Bounded: past <see cref="Capacity"/>
/// users, the least recently used half is dropped.
/// </remarks>
public sealed class UserVectorCache
{
    private readonly ConcurrentDictionary<string, CachedSet> _sets = new(StringComparer.Ordinal);
    private long _clock;

    /// <summary>Creates a cache holding at most <paramref name="capacity"/> users.</summary>
    public UserVectorCache(int capacity = 1_024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>Gets the most users kept.</summary>
    public int Capacity { get; }

    /// <summary>Gets the snapshot of <paramref name="userId"/> at <paramref name="version"/>, loading it when absent or stale.</summary>
    public async ValueTask<UserVectorSet> GetAsync(
        string userId, long version, Func<CancellationToken, Task<UserVectorSet>> load, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (_sets.TryGetValue(userId, out var cached) && cached.Version == version)
        {
            cached.LastUsed = Interlocked.Increment(ref _clock);
            return cached.Set;
        }

        var set = await load(cancellationToken).ConfigureAwait(false);
        _sets[userId] = new CachedSet(version, set) { LastUsed = Interlocked.Increment(ref _clock) };
        if (_sets.Count > Capacity)
        {
            Trim();
        }

        return set;
    }

    /// <summary>Carries a user's snapshot across a write this process just made, instead of reloading it at the next search.</summary>
    /// <param name="userId">The user written to.</param>
    /// <param name="previous">The user's version just before the write (read in the write's transaction).</param>
    /// <param name="current">The version the write set.</param>
    /// <param name="apply">The write applied to the snapshot (for example <see cref="UserVectorSet.WithAdded"/>), or <see langword="null"/>
    /// when the write changed nothing a search reads (a reflection, a profile).</param>
    /// <remarks>Only a snapshot cached at exactly <paramref name="previous"/> moves: any other means this process missed a write
    /// (another process's, or one not seen yet), and the next search reloads as before. <paramref name="apply"/> must be safe to
    /// apply to a snapshot that may already hold the write (a search may have loaded it after the commit under the old version).</remarks>
    public void Advance(string userId, long previous, long current, Func<UserVectorSet, UserVectorSet>? apply = null)
    {
        if (!_sets.TryGetValue(userId, out var cached) || cached.Version != previous)
        {
            return;
        }

        var set = apply is null ? cached.Set : apply(cached.Set);
        // Compare-and-swap: a concurrent load or advance of the same user wins, and the next search sorts it out by version.
        _sets.TryUpdate(userId, new CachedSet(current, set) { LastUsed = cached.LastUsed }, cached);
    }

    /// <summary>Drops a user's snapshot (after a forget, for example).</summary>
    public void Invalidate(string userId) => _sets.TryRemove(userId, out _);

    /// <summary>Drops every snapshot.</summary>
    public void Clear() => _sets.Clear();

    private void Trim()
    {
        foreach (var stale in _sets.OrderBy(p => p.Value.LastUsed).Take(_sets.Count / 2).Select(p => p.Key).ToList())
        {
            _sets.TryRemove(stale, out _);
        }
    }

    private sealed class CachedSet(long version, UserVectorSet set)
    {
        public long Version { get; } = version;

        public UserVectorSet Set { get; } = set;

        public long LastUsed { get; set; }
    }
}
