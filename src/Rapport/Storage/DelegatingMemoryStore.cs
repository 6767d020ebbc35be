using Rapport.Memory;

namespace Rapport.Storage;

/// <summary>A store that passes every call to an inner store: the base of decorators (tracing, caching, retries).</summary>
/// <remarks>
/// Override the operations a decorator changes; the rest forward unchanged. Disposing the decorator disposes the
/// inner store: the decorator owns what it wraps. Thread-safe when the inner store is.
/// </remarks>
public abstract class DelegatingMemoryStore : IMemoryStore, IDisposable
{
    /// <summary>Creates the decorator around <paramref name="innerStore"/>.</summary>
    protected DelegatingMemoryStore(IMemoryStore innerStore)
    {
        InnerStore = innerStore ?? throw new ArgumentNullException(nameof(innerStore));
    }

    /// <summary>Gets the store calls are passed to.</summary>
    protected IMemoryStore InnerStore { get; }

    /// <inheritdoc />
    public virtual string Description => InnerStore.Description;

    /// <inheritdoc />
    public virtual Task RecordAsync(IReadOnlyList<Intervention> interventions, CancellationToken cancellationToken = default) =>
        InnerStore.RecordAsync(interventions, cancellationToken);

    /// <inheritdoc />
    public virtual Task<Intervention?> SetOutcomeAsync(string id, InterventionOutcome outcome, int? rating, CancellationToken cancellationToken = default) =>
        InnerStore.SetOutcomeAsync(id, outcome, rating, cancellationToken);

    /// <inheritdoc />
    public virtual Task<Intervention?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        InnerStore.GetAsync(id, cancellationToken);

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<Intervention>> ListAsync(string userId, int limit = 100, CancellationToken cancellationToken = default) =>
        InnerStore.ListAsync(userId, limit, cancellationToken);

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<MemorySearchHit>> SearchAsync(MemorySearchRequest request, CancellationToken cancellationToken = default) =>
        InnerStore.SearchAsync(request, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Forwarded, so the inner store's cheaper override is used rather than the interface's default.</remarks>
    public virtual Task<IReadOnlyDictionary<string, long>> CountEmbeddingModelsAsync(string userId, CancellationToken cancellationToken = default) =>
        InnerStore.CountEmbeddingModelsAsync(userId, cancellationToken);

    /// <inheritdoc />
    public virtual Task<string?> GetEmbedderAsync(CancellationToken cancellationToken = default) =>
        InnerStore.GetEmbedderAsync(cancellationToken);

    /// <inheritdoc />
    public virtual Task<string> BindEmbedderAsync(string model, bool replace = false, CancellationToken cancellationToken = default) =>
        InnerStore.BindEmbedderAsync(model, replace, cancellationToken);

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<string>> ListUsersAsync(CancellationToken cancellationToken = default) =>
        InnerStore.ListUsersAsync(cancellationToken);

    /// <inheritdoc />
    public virtual Task<int> ReplaceEmbeddingsAsync(
        string userId, IReadOnlyList<EmbeddingReplacement> replacements, CancellationToken cancellationToken = default) =>
        InnerStore.ReplaceEmbeddingsAsync(userId, replacements, cancellationToken);

    /// <inheritdoc />
    public virtual Task AddReflectionAsync(SessionReflection reflection, CancellationToken cancellationToken = default) =>
        InnerStore.AddReflectionAsync(reflection, cancellationToken);

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<SessionReflection>> ListReflectionsAsync(string userId, int limit = 20, CancellationToken cancellationToken = default) =>
        InnerStore.ListReflectionsAsync(userId, limit, cancellationToken);

    /// <inheritdoc />
    public virtual Task<UserProfile> GetProfileAsync(string userId, CancellationToken cancellationToken = default) =>
        InnerStore.GetProfileAsync(userId, cancellationToken);

    /// <inheritdoc />
    public virtual Task SaveProfileAsync(UserProfile profile, CancellationToken cancellationToken = default) =>
        InnerStore.SaveProfileAsync(profile, cancellationToken);

    /// <inheritdoc />
    public virtual Task<long> ForgetUserAsync(string userId, CancellationToken cancellationToken = default) =>
        InnerStore.ForgetUserAsync(userId, cancellationToken);

    /// <inheritdoc />
    public virtual Task<MemoryStats> GetStatsAsync(string? userId = null, CancellationToken cancellationToken = default) =>
        InnerStore.GetStatsAsync(userId, cancellationToken);

    /// <inheritdoc />
    public virtual Task<long> PurgeExpiredAsync(CancellationToken cancellationToken = default) =>
        InnerStore.PurgeExpiredAsync(cancellationToken);

    /// <inheritdoc />
    /// <remarks>This decorator when it is of the requested type, else whatever the inner store answers: a capability behind a decorator is never lost.</remarks>
    public virtual object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : InnerStore.GetService(serviceType, serviceKey);
    }

    /// <summary>Returns this decorator or an inner store of type <typeparamref name="T"/>, or <see langword="null"/>.</summary>
    public T? GetInner<T>()
        where T : class, IMemoryStore =>
        this as T ?? (InnerStore as DelegatingMemoryStore)?.GetInner<T>() ?? InnerStore as T;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes this decorator and the inner store, waiting for any asynchronous disposal to finish.</summary>
    /// <remarks>For hosts that dispose their service container synchronously; prefer <see cref="DisposeAsync"/>.</remarks>
    public void Dispose()
    {
        DisposeAsyncCore().AsTask().GetAwaiter().GetResult();
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the inner store; override to release the decorator's own resources too.</summary>
    protected virtual ValueTask DisposeAsyncCore() => InnerStore.DisposeAsync();
}
