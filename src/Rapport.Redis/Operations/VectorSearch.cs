using System.Globalization;
using Rapport.Redis.Internal;
using Rapport.Redis.Resilience;
using Rapport.Search;
using Rapport.Storage;
using StackExchange.Redis;

namespace Rapport.Redis.Operations;

/// <summary>Search and the embedding-model count, both answered from a per-user vector snapshot cached in process.</summary>
/// <remarks>
/// <para>
/// One round trip reads the user's version with what the cached snapshot needs (<c>version.lua</c>): nothing when it
/// matches, the ids changed since otherwise (then one <c>MGET</c> of those), every id for a user not cached (then
/// <c>MGET</c> in pages, pipelined). The scan runs in process; one <c>MGET</c> reads the hits. The version read gets the
/// budget; what follows it gets the maintenance timeout, since Redis has shown it answers.
/// </para>
/// <para>Thread-safe; the cache is this process's alone and is kept valid by the user's version, never by time.</para>
/// </remarks>
internal sealed class VectorSearch(RedisStoreContext context, OutageBudgetPolicy budget)
{
    private const int LoadPage = 512;

    /// <summary>Gets the cached snapshots (a forget invalidates its user's; disposal clears all).</summary>
    public UserVectorCache Vectors => context.Vectors;

    public async Task<IReadOnlyList<MemorySearchHit>> SearchAsync(MemorySearchRequest request, CancellationToken cancellationToken)
    {
        MemoryRecordValidator.Validate(request);
        // The version read is the reachability test and gets the budget; once Redis has answered, the refresh or load that
        // follows may take longer (a cold user of 10k memories): a reachable store never answers "no memories" for being slow.
        var head = await budget.ReadOrDegradeAsync<RedisResult?>(
            "search", () => ReadVersionAsync(request.UserId), null, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return [];
        }

        return await budget.ContinueOrDegradeAsync<IReadOnlyList<MemorySearchHit>>(
            "search", () => SearchCoreAsync(request, head), [], cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, long>> CountEmbeddingModelsAsync(string userId, CancellationToken cancellationToken)
    {
        Memory.MemoryIds.ValidateUserId(userId);
        var head = await budget.ReadOrDegradeAsync<RedisResult?>(
            "count_embedding_models", () => ReadVersionAsync(userId), null, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return new Dictionary<string, long>();
        }

        return await budget.ContinueOrDegradeAsync<IReadOnlyDictionary<string, long>>(
            "count_embedding_models",
            async () => (await SnapshotAsync(userId, head, words: false).ConfigureAwait(false))?.CountLiveByEmbeddingModel(context.Now) ?? new Dictionary<string, long>(),
            new Dictionary<string, long>(),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<MemorySearchHit>> SearchCoreAsync(MemorySearchRequest request, RedisResult head)
    {
        // A query with words needs the lexical index: a cold load analyzes the words while it reads.
        var words = request.Mode != SearchMode.Dense && !string.IsNullOrWhiteSpace(request.Text);
        var set = await SnapshotAsync(request.UserId, head, words).ConfigureAwait(false);
        var now = context.Now;
        var candidates = set?.SearchCandidates(request, now);
        if (candidates is null || candidates.Matches.Count == 0)
        {
            return [];
        }

        // One MGET reads the hits; for a compact snapshot, its candidates, re-scored exactly with the vectors read.
        var keys = new RedisKey[candidates.Matches.Count];
        for (var n = 0; n < keys.Length; n++)
        {
            keys[n] = context.Keys.Intervention(request.UserId, candidates.Matches[n].Id);
        }

        var values = await context.Db.StringGetAsync(keys).ConfigureAwait(false);
        var records = new Dictionary<string, Memory.Intervention>(values.Length, StringComparer.Ordinal);
        for (var n = 0; n < values.Length; n++)
        {
            // A record may have expired or been forgotten between the scan and the read: it is simply left out.
            var value = (byte[]?)values[n];
            if (value is not null && InterventionValue.IsLive(value, now))
            {
                var id = candidates.Matches[n].Id;
                records[id] = InterventionValue.Decode(id, request.UserId, value);
            }
        }

        var matches = candidates.Rescore(id => records.TryGetValue(id, out var record) ? record.Embedding : null);
        var hits = new List<MemorySearchHit>(matches.Count);
        foreach (var match in matches)
        {
            if (records.TryGetValue(match.Id, out var record))
            {
                hits.Add(new MemorySearchHit(record, match));
            }
        }

        return hits;
    }

    // One round trip: the user's version and change counter, plus what the cached snapshot needs (version.lua): every id
    // for a user not cached, the ids changed since the cached snapshot's counter otherwise. Null (as a RedisResult) for a
    // user without data.
    private async Task<RedisResult?> ReadVersionAsync(string userId)
    {
        var since = context.Vectors.TryGetStale(userId, out var stale) ? stale.Cursor.ToString(CultureInfo.InvariantCulture) : "all";
        return await context.EvalAsync(RedisScripts.Version, userId, since).ConfigureAwait(false);
    }

    /// <summary>The user's snapshot at the version <paramref name="head"/> read, or <see langword="null"/> for a user without data.</summary>
    /// <remarks>
    /// Cached at that version: used as it is. Cached at an older version of the same epoch (the user was not forgotten or
    /// emptied since): the records changed since are read (one <c>MGET</c>) and merged. Otherwise loaded whole. The version
    /// is read before the records, so a snapshot is never older than the version it is cached under.
    /// </remarks>
    private async Task<UserVectorSet?> SnapshotAsync(string userId, RedisResult head, bool words)
    {
        if (head.IsNull)
        {
            // Forgotten or expired away, perhaps by another process: nothing of the user stays in this one either.
            context.Vectors.Invalidate(userId);
            return null;
        }

        var parts = (RedisResult[])head!;
        var version = (long)parts[0];
        var counter = (long)(double)parts[1];
        if (context.Vectors.Find(userId, version) is { } cached)
        {
            return cached;
        }

        var ids = parts.Length > 2 ? (RedisValue[])parts[2]! : [];
        if (context.Vectors.TryGetStale(userId, out var stale) && stale.Version < version && (stale.Version >> 32) == (version >> 32)
            && parts.Length > 2 && stale.Cursor <= counter)
        {
            var (changed, deleted) = await ReadChangesAsync(userId, ids).ConfigureAwait(false);
            return context.Vectors.Put(userId, stale.Set.WithChanges(changed, deleted, context.Now), version, counter, refreshed: true);
        }

        if (parts.Length <= 2 || stale.Set is not null)
        {
            // The round trip asked for changes, but the snapshot cannot take them (another epoch): list every id.
            ids = await context.Db.SortedSetRangeByRankAsync(context.Keys.InterventionIds(userId)).ConfigureAwait(false);
        }

        return context.Vectors.Put(userId, await LoadVectorsAsync(userId, ids, words).ConfigureAwait(false), version, counter, refreshed: false);
    }

    private async Task<(List<VectorEntry> Changed, List<string> Deleted)> ReadChangesAsync(string userId, RedisValue[] ids)
    {
        var changed = new List<VectorEntry>(ids.Length);
        var deleted = new List<string>();
        var wanted = ids.Where(id => id != "#").Select(id => (string)id!).ToList();
        if (wanted.Count == 0)
        {
            return (changed, deleted);
        }

        var keys = new RedisKey[wanted.Count];
        for (var n = 0; n < keys.Length; n++)
        {
            keys[n] = context.Keys.Intervention(userId, wanted[n]);
        }

        var values = await context.Db.StringGetAsync(keys).ConfigureAwait(false);
        for (var n = 0; n < values.Length; n++)
        {
            var bytes = (byte[]?)values[n];
            if (bytes is { Length: >= InterventionValue.HeaderLength })
            {
                changed.Add(InterventionValue.DecodeEntry(wanted[n], bytes));
            }
            else
            {
                deleted.Add(wanted[n]);
            }
        }

        return (changed, deleted);
    }

    // Pages of MGET, all sent before the first is awaited (pipelined), each decoded into the snapshot's columns as it arrives
    // (its values are garbage before the next page is read), its words analyzed in the background when a search needs them.
    private async Task<UserVectorSet> LoadVectorsAsync(string userId, RedisValue[] ids, bool words)
    {
        var db = context.Db;
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

        var builder = new UserVectorSetBuilder(ids.Length, context.Vectors.Precision, words);
        var index = 0;
        foreach (var page in pages)
        {
            foreach (var value in await page.ConfigureAwait(false))
            {
                var id = (string)ids[index++]!;
                var bytes = (byte[]?)value;
                if (bytes is { Length: >= InterventionValue.HeaderLength })
                {
                    builder.Add(InterventionValue.DecodeEntry(id, bytes));
                }
            }
        }

        return builder.Build();
    }
}
