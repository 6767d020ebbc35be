namespace Rapport.Search;

/// <summary>What a <see cref="UserVectorCache"/> counted since it was created.</summary>
/// <param name="Hits">Searches answered from a snapshot as cached.</param>
/// <param name="Refreshes">Searches that refreshed a cached snapshot with only what changed.</param>
/// <param name="Misses">Searches that loaded a user's whole snapshot.</param>
/// <param name="EvictedBytes">Estimated bytes of snapshots dropped to stay under the bounds.</param>
/// <param name="Bytes">Estimated bytes held now.</param>
/// <param name="Users">Users held now.</param>
public readonly record struct UserVectorCacheStatistics(long Hits, long Refreshes, long Misses, long EvictedBytes, long Bytes, int Users)
{
    /// <summary>Gets the share of searches that needed no full load: (hits + refreshes) / all, or 0 before any.</summary>
    public double HitRate => Hits + Refreshes + Misses == 0 ? 0 : (double)(Hits + Refreshes) / (Hits + Refreshes + Misses);
}
