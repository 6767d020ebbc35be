using System.Runtime.CompilerServices;
using Rapport.Search;

namespace Rapport.Sqlite.Internal;

/// <summary>The bytes that every <see cref="RecordCache"/> of stores sharing one <see cref="VectorCacheBudget"/> may hold
/// together: a server's tenants share one bound for their records as they share one for their vectors.</summary>
/// <remarks>Each cache counts what it holds here and, when the pool is over its bound, evicts its own least recently used
/// users; so the pool exceeds its bound by at most what one cache admits in one call before it trims.</remarks>
internal sealed class RecordCachePool(long maxBytes)
{
    private static readonly ConditionalWeakTable<VectorCacheBudget, RecordCachePool> Pools = [];
    private long _bytes;

    /// <summary>Gets the bound.</summary>
    public long MaxBytes { get; } = maxBytes;

    /// <summary>Gets the bytes all caches of the pool hold.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>The pool of the stores that share <paramref name="budget"/> (one for a server's tenants, one per store elsewhere).</summary>
    public static RecordCachePool For(VectorCacheBudget budget) =>
        Pools.GetValue(budget, static _ => new RecordCachePool(RecordCache.DefaultMaxBytes));

    public void Add(long bytes) => Interlocked.Add(ref _bytes, bytes);
}
