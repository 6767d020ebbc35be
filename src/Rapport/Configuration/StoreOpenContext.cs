using Microsoft.Extensions.Logging;

namespace Rapport.Configuration;

/// <summary>What a store provider gets to open a store.</summary>
/// <param name="Location">The parsed store location.</param>
/// <param name="Home">The data folder (for outboxes, caches).</param>
/// <param name="TimeProvider">The clock for expiry.</param>
/// <param name="LoggerFactory">Where the store logs.</param>
public sealed record StoreOpenContext(StoreLocation Location, string Home, TimeProvider TimeProvider, ILoggerFactory LoggerFactory)
{
    /// <summary>Gets how the store caches users' vector snapshots (<see cref="RapportOptions.VectorCache"/>).</summary>
    public Search.VectorCacheOptions VectorCache { get; init; } = new();
}
