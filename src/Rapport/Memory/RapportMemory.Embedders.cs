using System.Diagnostics;
using Rapport.Embeddings;
using Rapport.Storage;

namespace Rapport.Memory;

/// <summary>The store's embedder: every vector a store holds comes from the one it is bound to; re-embedding moves it to another.</summary>
public sealed partial class RapportMemory
{
    private const int MaxReembedPasses = 5;
    private readonly Lazy<bool> _distinguishesPurposes;

    /// <summary>Gets whether the embedder gives queries and memories different vectors (then a query's vector is never stored).</summary>
    internal bool DistinguishesPurposes => _distinguishesPurposes.Value;

    /// <summary>Counts a user's memories by whether dense search can compare them with this service's embedder.</summary>
    /// <exception cref="ArgumentException">The user id is invalid.</exception>
    public async Task<EmbeddingStatus> GetEmbeddingStatusAsync(string userId, CancellationToken cancellationToken = default)
    {
        MemoryIds.ValidateUserId(userId);
        var counts = await _store.CountEmbeddingModelsAsync(userId, cancellationToken).ConfigureAwait(false);
        var store = await _store.GetEmbedderAsync(cancellationToken).ConfigureAwait(false);
        var current = counts.TryGetValue(EmbeddingModel, out var n) ? n : 0;
        return new EmbeddingStatus(userId, EmbeddingModel, store, current, counts.Values.Sum() - current);
    }

    /// <summary>Gives every memory (of one user, or of the store) a vector of this service's embedder, and binds the store to it.</summary>
    /// <remarks>
    /// <para>
    /// The store is bound to this embedder first, so writers with the old one are refused from then on (naming <c>rapport reembed</c>);
    /// then each user's memories written by another embedder are embedded in batches and their vectors replaced, each only if it still
    /// carries the vector that was read (an outcome set meanwhile is kept). Recall keeps working throughout: lexical search finds every
    /// memory, dense search those already re-embedded, and <see cref="GetEmbeddingStatusAsync"/> says how many remain.
    /// </para>
    /// <para>
    /// Resumable and idempotent: an interrupted run leaves every finished batch done, and a new run skips memories that already
    /// have this embedder's vector. Memories that change during a user's pass are picked up by another pass (at most five).
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentException">The request is invalid.</exception>
    /// <exception cref="NotSupportedException">The store cannot list its users (name one) or replace vectors.</exception>
    public async Task<ReembedResult> ReembedAsync(
        ReembedRequest? request = null, IProgress<ReembedProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        request ??= new ReembedRequest();
        request.Validate();
        var clock = Stopwatch.StartNew();
        var previous = await _store.GetEmbedderAsync(cancellationToken).ConfigureAwait(false);
        await _store.BindEmbedderAsync(EmbeddingModel, replace: true, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string> users = request.UserId is { } one ? [one] : await _store.ListUsersAsync(cancellationToken).ConfigureAwait(false);
        long reembedded = 0, current = 0, remaining = 0, pending = 0;
        for (var u = 0; u < users.Count; u++)
        {
            var user = users[u];
            var first = true;
            for (var pass = 0; pass < MaxReembedPasses; pass++)
            {
                var all = await _store.ListAsync(user, int.MaxValue, cancellationToken).ConfigureAwait(false);
                var stale = all.Where(i => !string.Equals(i.EmbeddingModel, EmbeddingModel, StringComparison.Ordinal)).ToList();
                if (first)
                {
                    current += all.Count - stale.Count;
                    pending += stale.Count;
                    first = false;
                }

                if (stale.Count == 0)
                {
                    break;
                }

                var replacedThisPass = 0;
                foreach (var batch in stale.Chunk(request.BatchSize))
                {
                    // Stopping between batches leaves every finished batch written: a later run resumes from there.
                    cancellationToken.ThrowIfCancellationRequested();
                    var vectors = await _embedder.Value.GenerateAsync(
                        batch.Select(i => i.Situation), EmbeddingPurposes.For(EmbeddingPurpose.Document), cancellationToken).ConfigureAwait(false);
                    if (vectors.Count != batch.Length)
                    {
                        throw new InvalidOperationException(
                            $"The embedder returned {vectors.Count} embeddings for {batch.Length} situations; the batch was not written.");
                    }

                    var replacements = batch.Select((i, k) => new EmbeddingReplacement(i.Id, i.EmbeddingModel, vectors[k].Vector, EmbeddingModel)).ToList();
                    var replaced = await _store.ReplaceEmbeddingsAsync(user, replacements, cancellationToken).ConfigureAwait(false);
                    replacedThisPass += replaced;
                    reembedded += replaced;
                    progress?.Report(new ReembedProgress(user, u, users.Count, reembedded, pending));
                }

                if (replacedThisPass == 0 && pass > 0)
                {
                    break;
                }
            }

            var left = await _store.CountEmbeddingModelsAsync(user, cancellationToken).ConfigureAwait(false);
            remaining += left.Where(p => !string.Equals(p.Key, EmbeddingModel, StringComparison.Ordinal)).Sum(p => p.Value);
            progress?.Report(new ReembedProgress(user, u + 1, users.Count, reembedded, pending));
        }

        return new ReembedResult(EmbeddingModel, previous, users.Count, reembedded, current, remaining, clock.Elapsed);
    }

    // A store remembers its embedder: the first write binds it, and a write by another embedder is refused before anything is
    // embedded or stored. A store that remembers nothing (the interface's default) accepts every embedder.
    private async Task EnsureStoreEmbedderAsync(CancellationToken cancellationToken)
    {
        var bound = await _store.BindEmbedderAsync(EmbeddingModel, replace: false, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(bound, EmbeddingModel, StringComparison.Ordinal))
        {
            throw EmbeddingModelMismatchException.ForStore(bound, EmbeddingModel);
        }
    }
}
