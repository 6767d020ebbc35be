using Rapport.Memory;
using Rapport.Redis.Internal;
using Rapport.Storage;
using StackExchange.Redis;

namespace Rapport.Redis;

public sealed partial class RedisMemoryStore
{
    /// <inheritdoc />
    /// <remarks>
    /// Removes the user's pending outbox writes first (so that no replay brings them back), then every key of the user
    /// in one script, then the id mappings. Throws <see cref="MemoryStoreException"/> when Redis is unreachable.
    /// </remarks>
    public async Task<long> ForgetUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        MemoryIds.ValidateUserId(userId);
        await _replayGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await MaintainAsync(
                "forget",
                async () =>
                {
                    var result = (RedisResult[])(await EvalAsync(RedisScripts.Forget, userId).ConfigureAwait(false))!;
                    await RemoveOwnersAsync((RedisResult[])result[1]!).ConfigureAwait(false);
                    _vectors.Invalidate(userId);
                    return (long)result[0] + _outbox.RemoveUser(userId);
                },
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _replayGate.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>For one user: degrades to zeros during an outage. Store-wide: scans every primary; throws during an outage.</remarks>
    public Task<MemoryStats> GetStatsAsync(string? userId = null, CancellationToken cancellationToken = default)
    {
        if (userId is null)
        {
            return MaintainAsync("stats", async () => Sum(null, await SummariesAsync().ConfigureAwait(false)), cancellationToken);
        }

        MemoryIds.ValidateUserId(userId);
        return ReadOrDegradeAsync(
            "stats",
            async () => Sum(userId, [await SummaryAsync(userId).ConfigureAwait(false)]),
            new MemoryStats { UserId = userId },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Removes what the store's clock says has expired, user by user, each user in one script.</remarks>
    public Task<long> PurgeExpiredAsync(CancellationToken cancellationToken = default) =>
        MaintainAsync(
            "purge",
            async () =>
            {
                var now = Now;
                long removed = 0;
                foreach (var userId in await UsersAsync().ConfigureAwait(false))
                {
                    var result = (RedisResult[])(await EvalAsync(RedisScripts.Purge, userId, RedisInstants.Ticks(now), RedisInstants.Score(now))
                        .ConfigureAwait(false))!;
                    removed += (long)result[0];
                    await RemoveOwnersAsync((RedisResult[])result[1]!).ConfigureAwait(false);
                }

                return removed;
            },
            cancellationToken);

    /// <summary>The users with any key: their version keys, found by scanning every primary (each cluster node holds its slots).</summary>
    private async Task<List<string>> UsersAsync()
    {
        var users = new HashSet<string>(StringComparer.Ordinal);
        foreach (var server in _connection.GetServers().Where(s => !s.IsReplica))
        {
            if (!server.IsConnected)
            {
                throw new MemoryStoreException($"Redis server {server.EndPoint} is not connected; a store-wide operation needs every primary.");
            }

            await foreach (var key in server.KeysAsync(pattern: _keys.VersionPattern, pageSize: 1_000).ConfigureAwait(false))
            {
                if (_keys.TryParseUser(key!, out var user))
                {
                    users.Add(user);
                }
            }
        }

        return [.. users.Order(StringComparer.Ordinal)];
    }

    private async Task<List<UserSummary>> SummariesAsync()
    {
        var summaries = new List<UserSummary>();
        foreach (var chunk in (await UsersAsync().ConfigureAwait(false)).Chunk(64))
        {
            summaries.AddRange(await Task.WhenAll(chunk.Select(SummaryAsync)).ConfigureAwait(false));
        }

        return summaries;
    }

    private static MemoryStats Sum(string? userId, IEnumerable<UserSummary> summaries)
    {
        long users = 0, interventions = 0, helped = 0, notHelped = 0, reflections = 0, profiles = 0;
        foreach (var s in summaries)
        {
            users += s.Interventions.Count + s.Reflections.Count > 0 || s.Profile is not null ? 1 : 0;
            interventions += s.Interventions.Count;
            helped += s.Interventions.Count(i => i.Outcome == InterventionOutcome.Helped);
            notHelped += s.Interventions.Count(i => i.Outcome == InterventionOutcome.NotHelped);
            reflections += s.Reflections.Count;
            profiles += s.Profile is null ? 0 : 1;
        }

        return new MemoryStats
        {
            UserId = userId, Users = users, Interventions = interventions, Helped = helped, NotHelped = notHelped,
            Reflections = reflections, Profiles = profiles,
        };
    }

    // Id mappings live in other slots than the user's keys; each is deleted on its own (cluster-safe).
    private async Task RemoveOwnersAsync(RedisResult[] ids)
    {
        var db = Db;
        await Task.WhenAll(ids.Select(id => db.KeyDeleteAsync(_keys.RecordOwner((string)id!)))).ConfigureAwait(false);
    }
}
