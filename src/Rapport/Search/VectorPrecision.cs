namespace Rapport.Search;

/// <summary>How a <see cref="UserVectorCache"/> holds the vectors of the snapshots it caches.</summary>
public enum VectorPrecision
{
    /// <summary>32-bit floats as written: an exact scan, 4 bytes per dimension in memory. The default.</summary>
    Full = 0,

    /// <summary>int8: one signed byte per dimension with a scale per vector (about a quarter of the memory): the scan ranks by
    /// the estimate, and the best <see cref="CandidateMatches.RescoreCount"/> candidates are re-scored exactly from the
    /// store's 32-bit vectors, read with the hits (see docs/architecture.md, "Compact vectors").</summary>
    Compact = 1,
}
