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
