using Rapport.Storage;

namespace Rapport.Benchmarks.Telemetry;

/// <summary>A store whose search answers at once with fixed hits, so a benchmark sees only the cost of what wraps it.</summary>
/// <remarks>Not a store to use: every other operation goes to the real store it wraps.</remarks>
internal sealed class InstantSearchStore(IMemoryStore inner, IReadOnlyList<MemorySearchHit> hits) : DelegatingMemoryStore(inner)
{
    private readonly Task<IReadOnlyList<MemorySearchHit>> _hits = Task.FromResult(hits);

    public override Task<IReadOnlyList<MemorySearchHit>> SearchAsync(MemorySearchRequest request, CancellationToken cancellationToken = default) => _hits;
}
