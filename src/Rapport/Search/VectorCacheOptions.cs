namespace Rapport.Search;

/// <summary>How the stores Rapport opens cache users' vector snapshots: the bound on bytes and the precision of the vectors.</summary>
public sealed class VectorCacheOptions
{
    /// <summary>Gets or sets the most bytes of snapshots a store's cache holds, when no <see cref="Budget"/> is shared.</summary>
    /// <value>The default is <see cref="UserVectorCache.DefaultMaxBytes"/> (256 MiB): about 150 users of 1,000 memories of 384 dimensions
    /// (docs/scale.md). At least 1 MiB.</value>
    public long MaxBytes { get; set; } = UserVectorCache.DefaultMaxBytes;

    /// <summary>Gets or sets how cached snapshots hold their vectors.</summary>
    /// <value>The default is <see cref="VectorPrecision.Full"/> (exact scan); <see cref="VectorPrecision.Compact"/> holds more users in the same bound.</value>
    public VectorPrecision Precision { get; set; } = VectorPrecision.Full;

    /// <summary>Gets or sets one bound shared by the caches of every store opened with these options (a server's tenants).</summary>
    /// <value>The default is <see langword="null"/>: each store's cache gets its own bound of <see cref="MaxBytes"/>.</value>
    public VectorCacheBudget? Budget { get; set; }

    /// <summary>Creates the cache for one store: on the shared <see cref="Budget"/>, or on a bound of its own.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public UserVectorCache CreateCache()
    {
        Validate();
        return new UserVectorCache(Budget ?? new VectorCacheBudget(MaxBytes), precision: Precision);
    }

    /// <summary>Throws unless the options are usable.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message says what is accepted.</exception>
    public void Validate()
    {
        if (MaxBytes < 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBytes), MaxBytes, "The cache bound must be at least 1 MiB (1048576 bytes).");
        }

        if (!Enum.IsDefined(Precision))
        {
            throw new ArgumentOutOfRangeException(nameof(Precision), Precision, "Unknown vector precision: use Full or Compact.");
        }
    }
}
