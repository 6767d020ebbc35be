using Rapport.Storage;

namespace Rapport.Tests.Storage;

/// <summary>A decorator over a real store that counts searches (the costly read of a turn); everything else passes through.</summary>
/// <remarks>Not disposed by the fixtures: they dispose the store it wraps.</remarks>
internal sealed class CountingMemoryStore(IMemoryStore inner) : DelegatingMemoryStore(inner)
{
    private int _searches;

    public int Searches => Volatile.Read(ref _searches);

    public override Task<IReadOnlyList<MemorySearchHit>> SearchAsync(MemorySearchRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _searches);
        return base.SearchAsync(request, cancellationToken);
    }
}
