namespace Rapport.Storage;

/// <summary>Convenience overloads of <see cref="IMemoryStore"/>.</summary>
public static class MemoryStoreExtensions
{
    /// <summary>Asks the store, through any decorators, for an object of type <typeparamref name="TService"/>.</summary>
    /// <returns>The object, or <see langword="null"/> when neither the store nor an inner store has one.</returns>
    public static TService? GetService<TService>(this IMemoryStore store, object? serviceKey = null)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.GetService(typeof(TService), serviceKey) as TService;
    }
}
