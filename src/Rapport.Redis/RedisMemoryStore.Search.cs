using Rapport.Redis.Internal;
using Rapport.Search;
using Rapport.Storage;

namespace Rapport.Redis;

public sealed partial class RedisMemoryStore
{
    /// <inheritdoc />
    /// <remarks>
    /// One round trip reads the user's version; the process's cached snapshot is reused when it matches, else the
    /// user's vector entries are loaded (one <c>HGETALL</c>). The scan runs in process; one more round trip reads
    /// the hits. A load that overruns the budget still completes in the background and warms the cache.
    /// </remarks>
    public Task<IReadOnlyList<MemorySearchHit>> SearchAsync(MemorySearchRequest request, CancellationToken cancellationToken = default)
    {
        MemoryRecordValidator.Validate(request);
        return ReadOrDegradeAsync<IReadOnlyList<MemorySearchHit>>("search", () => SearchCoreAsync(request), [], cancellationToken);
    }

    /// <summary>Drops this process's cached vector snapshots (benchmarks measure a cold search with it).</summary>
    internal void DropCachedVectors() => _vectors.Clear();

    private async Task<IReadOnlyList<MemorySearchHit>> SearchCoreAsync(MemorySearchRequest request)
    {
        var version = await Db.StringGetAsync(_keys.Version(request.UserId)).ConfigureAwait(false);
        if (version.IsNull)
        {
            return [];
        }

        var set = await _vectors.GetAsync(request.UserId, (long)version, _ => LoadVectorsAsync(request.UserId), CancellationToken.None)
            .ConfigureAwait(false);
        var matches = set.Search(request, Now);
        if (matches.Count == 0)
        {
            return [];
        }

        var records = (await ReadInterventionsAsync(request.UserId, [.. matches.Select(m => m.Id)]).ConfigureAwait(false))
            .ToDictionary(r => r.Id, StringComparer.Ordinal);
        var hits = new List<MemorySearchHit>(matches.Count);
        foreach (var match in matches)
        {
            // A record may have expired or been forgotten between the scan and the read: it is simply left out.
            if (records.TryGetValue(match.Id, out var record))
            {
                hits.Add(new MemorySearchHit(record, match.Similarity));
            }
        }

        return hits;
    }

    private async Task<UserVectorSet> LoadVectorsAsync(string userId)
    {
        var entries = await Db.HashGetAllAsync(_keys.Vectors(userId)).ConfigureAwait(false);
        var list = new List<VectorEntry>(entries.Length);
        foreach (var entry in entries)
        {
            list.Add(VectorEntryCodec.Decode(entry.Name!, (byte[])entry.Value!));
        }

        return new UserVectorSet(list);
    }
}
