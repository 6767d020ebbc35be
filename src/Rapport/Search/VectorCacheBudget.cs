namespace Rapport.Search;

/// <summary>One bound on the bytes of users' vector snapshots, shared by the caches of several stores in one process.</summary>
/// <remarks>
/// <para>
/// A server opens a store per tenant, each with its own <see cref="UserVectorCache"/> (a cache serves one store: users of
/// different stores never share an entry). Given one budget, those caches together stay under <see cref="MaxBytes"/>: past
/// it, the least recently used snapshots of all of them go first, until the total is back under nine tenths of the bound.
/// A cache made without a budget gets its own.
/// </para>
/// <para>Thread-safe. Caches register themselves when created and are held weakly: a disposed store's cache holds nothing.</para>
/// </remarks>
public sealed class VectorCacheBudget
{
    private readonly List<WeakReference<UserVectorCache>> _caches = [];
    private readonly Lock _trim = new();
    private long _bytes;
    private long _clock;

    /// <summary>Creates a budget of <paramref name="maxBytes"/> bytes of snapshots.</summary>
    /// <param name="maxBytes">The most bytes the caches sharing the budget hold together (estimated, see <see cref="UserVectorSet.EstimatedBytes"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBytes"/> is not positive.</exception>
    public VectorCacheBudget(long maxBytes = UserVectorCache.DefaultMaxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        MaxBytes = maxBytes;
    }

    /// <summary>Gets the most bytes of snapshots the caches sharing this budget hold together.</summary>
    public long MaxBytes { get; }

    /// <summary>Gets the estimated bytes they hold now.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Gets the number of caches sharing the budget that are still alive.</summary>
    public int Caches
    {
        get
        {
            lock (_trim)
            {
                return _caches.Count(c => c.TryGetTarget(out _));
            }
        }
    }

    internal long Tick() => Interlocked.Increment(ref _clock);

    internal void Add(long bytes) => Interlocked.Add(ref _bytes, bytes);

    internal void Register(UserVectorCache cache)
    {
        lock (_trim)
        {
            _caches.RemoveAll(c => !c.TryGetTarget(out _));
            _caches.Add(new WeakReference<UserVectorCache>(cache));
        }
    }

    /// <summary>Past the bound, drops the least recently used snapshots of every cache until nine tenths of it remain.</summary>
    internal void TrimIfOver()
    {
        if (Bytes <= MaxBytes)
        {
            return;
        }

        lock (_trim)
        {
            if (Bytes <= MaxBytes)
            {
                return;
            }

            var target = MaxBytes - (MaxBytes / 10);
            var entries = new List<(UserVectorCache Cache, string User, object Entry, long LastUsed)>();
            foreach (var reference in _caches)
            {
                if (reference.TryGetTarget(out var cache))
                {
                    cache.CollectUsage(entries);
                }
            }

            foreach (var (cache, user, entry, _) in entries.OrderBy(e => e.LastUsed))
            {
                if (Bytes <= target)
                {
                    break;
                }

                cache.Evict(user, entry);
            }
        }
    }
}
