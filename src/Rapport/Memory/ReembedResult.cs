namespace Rapport.Memory;

/// <summary>What a re-embedding run did.</summary>
/// <param name="Embedder">The embedder the store is bound to now, and every re-embedded vector came from.</param>
/// <param name="PreviousEmbedder">The embedder the store was bound to before the run, or <see langword="null"/>.</param>
/// <param name="Users">Users looked at.</param>
/// <param name="Reembedded">Memories given a new vector by this run.</param>
/// <param name="AlreadyCurrent">Memories that already had a vector of <paramref name="Embedder"/> (a resumed or repeated run skips them).</param>
/// <param name="Remaining">Memories still awaiting re-embedding at the end (changed or written by an old process during the run); run again.</param>
/// <param name="Elapsed">Wall time of the run.</param>
public sealed record ReembedResult(
    string Embedder, string? PreviousEmbedder, int Users, long Reembedded, long AlreadyCurrent, long Remaining, TimeSpan Elapsed)
{
    /// <summary>Gets memories re-embedded per second.</summary>
    public double PerSecond => Elapsed > TimeSpan.Zero ? Reembedded / Elapsed.TotalSeconds : 0;
}
