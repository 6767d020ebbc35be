using Rapport.Redis.Internal;
using Rapport.Redis.Resilience;
using Rapport.Search;
using Rapport.Storage;
using StackExchange.Redis;

namespace Rapport.Redis.Operations;

/// <summary>Search and the embedding-model count, both answered from a per-user vector snapshot cached in process.</summary>
/// <remarks>
/// <para>
/// One round trip reads the user's version (<c>version.lua</c>); the cached snapshot is reused when it matches, else
/// the user's records are loaded (their ids, then <c>MGET</c> in pages, pipelined). The scan runs in process; one
/// <c>MGET</c> reads the hits. A load that overruns the budget still completes in the background and warms the cache.
/// </para>
/// <para>Thread-safe; the cache is this process's alone and is kept valid by the user's version, never by time.</para>
/// </remarks>
internal sealed class VectorSearch(RedisStoreContext context, OutageBudgetPolicy budget)
{
    private const int LoadPage = 512;

    /// <summary>Gets the cached snapshots (a forget invalidates its user's; disposal clears all).</summary>
    public UserVectorCache Vectors { get; } = new();

    public Task<IReadOnlyList<MemorySearchHit>> SearchAsync(MemorySearchRequest request, CancellationToken cancellationToken)
    {
        MemoryRecordValidator.Validate(request);
        return budget.ReadOrDegradeAsync<IReadOnlyList<MemorySearchHit>>("search", () => SearchCoreAsync(request), [], cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, long>> CountEmbeddingModelsAsync(string userId, CancellationToken cancellationToken)
    {
        Memory.MemoryIds.ValidateUserId(userId);
        return budget.ReadOrDegradeAsync<IReadOnlyDictionary<string, long>>(
            "count_embedding_models",
            async () => (await SnapshotAsync(userId).ConfigureAwait(false))?.CountLiveByEmbeddingModel(context.Now) ?? new Dictionary<string, long>(),
            new Dictionary<string, long>(),
            cancellationToken);
    }

    private async Task<IReadOnlyList<MemorySearchHit>> SearchCoreAsync(MemorySearchRequest request)
    {
        var set = await SnapshotAsync(request.UserId).ConfigureAwait(false);
        var now = context.Now;
        var matches = set?.Search(request, now) ?? [];
        if (matches.Count == 0)
        {
            return [];
        }

        var keys = new RedisKey[matches.Count];
        for (var n = 0; n < keys.Length; n++)
        {
            keys[n] = context.Keys.Intervention(request.UserId, matches[n].Id);
        }

        var values = await context.Db.StringGetAsync(keys).ConfigureAwait(false);
        var hits = new List<MemorySearchHit>(matches.Count);
        for (var n = 0; n < values.Length; n++)
        {
            // A record may have expired or been forgotten between the scan and the read: it is simply left out.
            var value = (byte[]?)values[n];
            if (value is not null && InterventionValue.IsLive(value, now))
            {
                hits.Add(new MemorySearchHit(InterventionValue.Decode(matches[n].Id, request.UserId, value), matches[n]));
            }
        }

        return hits;
    }

    /// <summary>The user's snapshot at the current version, or <see langword="null"/> for a user without data.</summary>
    /// <remarks>
    /// The version is read before the records, so a snapshot is never older than the version it is cached under: a
    /// write in between only makes the next search load again.
    /// </remarks>
    private async Task<UserVectorSet?> SnapshotAsync(string userId)
    {
        var version = await context.EvalAsync(RedisScripts.Version, userId).ConfigureAwait(false);
        if (version.IsNull)
        {
            return null;
        }

        return await Vectors.GetAsync(userId, (long)version, _ => LoadVectorsAsync(userId), CancellationToken.None).ConfigureAwait(false);
    }

    private async Task<UserVectorSet> LoadVectorsAsync(string userId)
    {
        var db = context.Db;
        var ids = await db.SortedSetRangeByRankAsync(context.Keys.InterventionIds(userId)).ConfigureAwait(false);
        var pages = new List<Task<RedisValue[]>>((ids.Length / LoadPage) + 1);
        for (var start = 0; start < ids.Length; start += LoadPage)
        {
            var keys = new RedisKey[Math.Min(LoadPage, ids.Length - start)];
            for (var n = 0; n < keys.Length; n++)
            {
                keys[n] = context.Keys.Intervention(userId, (string)ids[start + n]!);
            }

            pages.Add(db.StringGetAsync(keys));
        }

        var entries = new List<VectorEntry>(ids.Length);
        var index = 0;
        foreach (var page in pages)
        {
            foreach (var value in await page.ConfigureAwait(false))
            {
                var id = (string)ids[index++]!;
                var bytes = (byte[]?)value;
                if (bytes is { Length: >= InterventionValue.HeaderLength })
                {
                    entries.Add(InterventionValue.DecodeEntry(id, bytes));
                }
            }
        }

        return new UserVectorSet(entries);
    }
}
